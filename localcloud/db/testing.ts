// Test helpers: a store on ':memory:' with its own virtual clock, and `call(action, params)` that
// sends a `database.*` action shaped like the SDK's (docs/wechat-contracts.md §10) and returns the wire reply — or the
// ServiceError reply `{code, message}` the SDK would receive.
import path from 'node:path';
import { VirtualClock } from '../clock';
import { ServiceError } from '../types';
import { DocumentStore, type DocumentStoreOptions } from './store';

export const CONFORMANCE_COLLECTIONS = path.resolve(__dirname, '../../test/conformance/collections.json');

/** A wire reply: loosely shaped on purpose, tests assert on its fields. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type WireReply = Record<string, any>;

export interface TestStore {
  store: DocumentStore;
  clock: VirtualClock;
  call(action: string, params?: Record<string, unknown>): Promise<WireReply>;
}

export function testStore(options: Partial<DocumentStoreOptions> = {}): TestStore {
  const clock = new VirtualClock();
  const store = new DocumentStore({ now: () => clock.now(), clock }, {
    file: ':memory:',
    collectionsFile: CONFORMANCE_COLLECTIONS,
    ...options,
  });
  const actions = store.actions();
  return {
    store,
    clock,
    async call(action, params = {}) {
      const name = action.startsWith('database.') ? action : `database.${action}`;
      try {
        return (await actions[name]({ action: name, params: { ...params, action: name }, env: 'test-env', requestId: 'r' })) as WireReply;
      } catch (err) {
        if (err instanceof ServiceError) return { code: err.code, message: err.message };
        throw err;
      }
    },
  };
}

/** `JSON.stringify` of canonical EJSON, as the SDK sends queries and data. */
export function ejson(value: unknown): string {
  return JSON.stringify(value);
}
