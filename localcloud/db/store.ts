// STUB — replaced by the document store (SQLite + MongoDB-semantics evaluator).
import type { LocalCloud } from '../index';
import type { ActionMap, CloudModule } from '../types';

export interface DocumentStoreOptions {
  /** SQLite file path, or ':memory:' */
  file: string;
  collectionsFile: string;
}

export class DocumentStore implements CloudModule {
  constructor(readonly cloud: LocalCloud, readonly options: DocumentStoreOptions) {}
  actions(): ActionMap {
    return {};
  }
  /** Insert documents as they are (EJSON-relaxed JSON); returns how many. */
  seed(_collection: string, docs: Record<string, unknown>[]): number {
    return docs.length;
  }
  reset(): void {}
  close(): void {}
}
