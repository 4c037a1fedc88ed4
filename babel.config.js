// Babel config of the Taro builds (weapp, h5). Jest does not read it: jest.config.js passes an inline
// config with `configFile: false` (docs/toolchain.md §1.2: no Babel 8, no config lookup in tests).
module.exports = {
  presets: [
    // hot: false — the h5 dev server live-reloads; React fast refresh would need two more packages.
    ['taro', { framework: 'react', ts: true, compiler: 'webpack5', hot: false }],
  ],
};
