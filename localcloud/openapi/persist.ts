// Keeps the outbox, the subscription quotas and the shipping ledger across restarts of `npm start`
// (one JSON file beside the database). Tests run with dataDir null and never touch it.
import fs from 'node:fs';
import path from 'node:path';
import type { OutboxMessage } from '../control/client';
import type { ShippingLedger } from './shipping';

export interface OpenApiSnapshot {
  version: 1;
  outbox: OutboxMessage[];
  subscriptions: Record<string, Record<string, number>>;
  shipping: ReturnType<ShippingLedger['snapshot']>;
  msgSeq: number;
  pathCodesIssued?: number;
}

export class OpenApiStore {
  readonly file: string;

  constructor(dataDir: string) {
    this.file = path.join(dataDir, 'openapi.json');
  }

  read(): OpenApiSnapshot | null {
    try {
      const snap = JSON.parse(fs.readFileSync(this.file, 'utf8')) as OpenApiSnapshot;
      return snap.version === 1 ? snap : null;
    } catch {
      return null;
    }
  }

  write(snap: OpenApiSnapshot): void {
    fs.mkdirSync(path.dirname(this.file), { recursive: true });
    const tmp = `${this.file}.${process.pid}.tmp`;
    fs.writeFileSync(tmp, JSON.stringify(snap));
    fs.renameSync(tmp, this.file);
  }
}
