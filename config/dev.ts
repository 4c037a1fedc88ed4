import type { UserConfigExport } from '@tarojs/cli';

// `taro build --watch` (npm run dev:h5): readable output, the dev server's live reload.
export default {
  logger: { quiet: true, stats: false },
  mini: {},
  h5: {},
} satisfies UserConfigExport<'webpack5'>;
