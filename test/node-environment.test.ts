// The test environment of the node project (node-environment.cjs): every test file a jest worker runs gets
// the same shared object, which is how the local clouds of one file hand warm function instances to the
// next file's (localcloud/runtime/pool.ts).
const Environment = require('./node-environment.cjs') as new (config: unknown, context: unknown) => { global: Record<symbol, unknown>; teardown(): Promise<void> };

const SHARED = Symbol.for('kaidian.processShared');
const config = { projectConfig: { testEnvironmentOptions: {}, globals: {}, fakeTimers: {} }, globalConfig: {} };
const context = { console, docblockPragmas: {}, testPath: __filename };

test('two files of one worker see one shared object, and this file sees it too', async () => {
  const first = new Environment(config, context);
  const second = new Environment(config, context);
  try {
    expect(first.global[SHARED]).toBeDefined();
    expect(second.global[SHARED]).toBe(first.global[SHARED]);
    expect((globalThis as Record<symbol, unknown>)[SHARED]).toBe(first.global[SHARED]);
  } finally {
    await first.teardown();
    await second.teardown();
  }
});
