// Taro build config (weapp for WeChat DevTools, h5 for the local preview against the local cloud).
// docs/toolchain.md §2.1: only `import type` from @tarojs/cli — a value import loads its native binding.
import path from 'node:path';
import type { UserConfigExport } from '@tarojs/cli';
import devConfig from './dev';
import { loadConfig } from './kaidian';
import prodConfig from './prod';

const root = path.resolve(__dirname, '..');

/** Where the h5 build finds the local cloud gateway and cashier (docs/architecture.md §5.8). */
const cloudUrl = process.env.KAIDIAN_CLOUD_URL ?? `http://127.0.0.1:${process.env.LOCALCLOUD_PORT ?? 9797}`;

/** AppID, cloud env and subscribe templates of this deployment (kaidian.config.json, else the example). */
const kaidian = loadConfig().config;

/**
 * Packages that ship syntax newer than ES5 (valibot: ?. and ??; zustand: object spread). Taro compiles
 * only src/ and Taro's own packages; these go through the same Babel preset (targets iOS 9 / Android 5)
 * so the shipped JavaScript parses on every engine the base library runs on (npm run check:weapp).
 */
const modernPackages = /[\\/]node_modules[\\/](valibot|zustand)[\\/]/;

/**
 * Taro splits only the entry's modules (`chunks: 'initial'`), so every page chunk carried its own copy of
 * the components library, React glue and our shared components: each new page re-downloaded them. Here
 * page chunks share too: the framework (Taro's components and runtime, React: needed by every page) in
 * one chunk loaded with the app, anything else two pages use in shared chunks the browser caches once
 * (bench/h5.ts measures).
 */
const H5_SPLIT_CHUNKS = {
  chunks: 'all' as const,
  hidePathInfo: true,
  minSize: 20_000,
  maxAsyncRequests: 8,
  maxInitialRequests: 6,
  cacheGroups: {
    default: false as const,
    defaultVendors: false as const,
    framework: {
      name: 'framework',
      // not @tarojs/taro-h5: its APIs (canvas, chooseImage, clipboard …) stay with the pages that call them
      test: /[\\/]node_modules[\\/](@tarojs[\\/](components|components-react|react|runtime|router|shared)|react|react-dom|scheduler)[\\/]/,
      priority: 100,
      enforce: true,
    },
    shared: { minChunks: 2, priority: 1, reuseExistingChunk: true },
  },
};

type Merge = (...configs: UserConfigExport<'webpack5'>[]) => UserConfigExport<'webpack5'>;

export default async (merge: Merge) => {
  const base: UserConfigExport<'webpack5'> = {
    projectName: 'kaidian',
    date: '2026-11-22',
    designWidth: 750,
    deviceRatio: { 640: 2.34 / 2, 750: 1, 375: 2, 828: 1.81 / 2 },
    sourceRoot: 'src',
    // weapp goes to dist/ (project.config.json miniprogramRoot); h5 beside it so neither build wipes the other.
    outputRoot: process.env.TARO_ENV === 'h5' ? 'dist-h5' : 'dist',
    plugins: [],
    defineConstants: {
      KAIDIAN_CLOUD_URL: JSON.stringify(cloudUrl),
      // core/subscribe-templates.ts: the ids the mini-program asks the buyer to accept.
      KAIDIAN_TEMPLATES: JSON.stringify(kaidian.subscribeTemplates),
      // services/cloud.ts: wx.cloud.init({ env }).
      KAIDIAN_CLOUD_ENV: JSON.stringify(kaidian.cloudEnv),
    },
    alias: {
      '@core': path.join(root, 'core'),
    },
    framework: 'react',
    compiler: { type: 'webpack5', prebundle: { enable: false } },
    cache: { enable: false },
    mini: {
      // core/ lives outside src/: compile it with the app (money, errors, order states are shared).
      compile: { include: [path.join(root, 'core'), (file: string) => modernPackages.test(file)] },
      postcss: {
        pxtransform: { enable: true, config: {} },
        cssModules: { enable: false, config: { namingPattern: 'module', generateScopedName: '[name]__[local]___[hash:base64:5]' } },
      },
    },
    h5: {
      publicPath: '/',
      staticDirectory: 'static',
      router: { mode: 'browser' },
      compile: { include: [path.join(root, 'core')] },
      output: { filename: 'js/[name].[hash:8].js', chunkFilename: 'js/[name].[chunkhash:8].js' },
      miniCssExtractPluginOption: { ignoreOrder: true, filename: 'css/[name].[hash].css', chunkFilename: 'css/[name].[chunkhash].css' },
      postcss: {
        autoprefixer: { enable: true, config: {} },
        cssModules: { enable: false, config: { namingPattern: 'module', generateScopedName: '[name]__[local]___[hash:base64:5]' } },
      },
      webpackChain(chain) {
        chain.optimization.splitChunks(H5_SPLIT_CHUNKS);
      },
      // Live reload on change; React fast refresh (hot) would need two more packages for little gain.
      devServer: { host: '127.0.0.1', port: Number(process.env.H5_PORT ?? 10086), open: false, hot: false },
    },
  };
  return process.env.NODE_ENV === 'development' ? merge({}, base, devConfig) : merge({}, base, prodConfig);
};
