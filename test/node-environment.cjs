// The node test environment, plus one object shared by every test file a jest worker runs. jest gives
// each file fresh modules and a fresh global; the local cloud keeps its warm function instances on this
// object (localcloud/runtime/pool.ts, keepInstances), so the next file's clouds reuse them instead of
// loading wx-server-sdk again in a new process. Plain JS: jest loads environments untransformed.
'use strict';
const { TestEnvironment } = require('jest-environment-node');

const PROCESS_SHARED = Symbol.for('kaidian.processShared');
// This module runs outside the files' sandboxes: its `process` is the worker's own, the same for every file.
const shared = (process[PROCESS_SHARED] ??= {});

class KaidianNodeEnvironment extends TestEnvironment {
  constructor(config, context) {
    super(config, context);
    this.global[PROCESS_SHARED] = shared;
  }
}

module.exports = KaidianNodeEnvironment;
