import type { UserConfigExport } from '@tarojs/cli';

// Production builds (npm run build:weapp / build:h5): minified; the weapp main package is budgeted at
// 600 KB by test/size (WeChat's hard limit is 2 MB per package, docs/wechat-contracts.md §6).
export default {
  logger: { quiet: true, stats: false },
  mini: {},
  h5: {},
} satisfies UserConfigExport<'webpack5'>;
