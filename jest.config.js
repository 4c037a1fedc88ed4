// Two projects: `node` for the local cloud, the functions and core; `jsdom` for the mini-program.
// TypeScript goes through babel-jest with an inline config (docs/toolchain.md §1.2: no Babel 8, no config file lookup).
const transform = {
  '^.+\\.[jt]sx?$': ['babel-jest', {
    configFile: false,
    babelrc: false,
    presets: [
      ['@babel/preset-env', { targets: { node: 'current' } }],
      ['@babel/preset-react', { runtime: 'automatic' }],
      '@babel/preset-typescript',
    ],
  }],
};
const ignored = ['/node_modules/', '/dist/', '/test/e2e/', '/cloudfunctions/', '/test/conformance/functions/'];
// The exhaustive sweeps (every write point of every money operation failed and killed, 20 kill -9 runs,
// more seeds of the concurrency storms) are their own project: `npm run test:sweeps`, run by CI after
// `npm test`, which samples them.
const sweeps = '<rootDir>/test/sweeps/';

module.exports = {
  // Integration tests run real functions in child processes against the local cloud: on a loaded 2-core
  // machine one test can take many seconds; the default 5 s is for unit tests (a global option in jest 29).
  testTimeout: 60_000,
  // One worker per core (jest's default leaves one core to itself): the functions run in child processes,
  // so a worker spends much of its time waiting on them, and on 2 cores the default is a single worker.
  // The long sweeps are split over several files (test/sweeps/crash-points-*, kill9-*) so the workers share them.
  maxWorkers: '100%',
  projects: [
    {
      displayName: 'node',
      // Node's environment with one object shared across the worker's files: warm function instances.
      testEnvironment: '<rootDir>/test/node-environment.cjs',
      transform,
      testMatch: ['<rootDir>/{core,server,localcloud,test,scripts}/**/*.test.ts'],
      testPathIgnorePatterns: [...ignored, sweeps],
    },
    {
      displayName: 'sweeps',
      testEnvironment: '<rootDir>/test/node-environment.cjs',
      transform,
      testMatch: [`${sweeps}*.test.ts`],
    },
    {
      displayName: 'jsdom',
      testEnvironment: 'jsdom',
      transform,
      testMatch: ['<rootDir>/src/**/*.test.{ts,tsx}'],
      testPathIgnorePatterns: ignored,
      // The real weapp build (dist/) is loaded as it is by the miniprogram-simulate test: not transformed.
      transformIgnorePatterns: ['/node_modules/', '<rootDir>/dist/'],
      // Taro mocked by hand (docs/toolchain.md §1.3: the official test utils do not work with Taro 4).
      moduleNameMapper: {
        '^@tarojs/taro$': '<rootDir>/src/testing/taro-mock.ts',
        '^@tarojs/components$': '<rootDir>/src/testing/components-mock.tsx',
        '\\.(scss|css|png|jpe?g|gif|svg)$': '<rootDir>/src/testing/style-mock.ts',
      },
    },
  ],
};
