// Keeps the sandbox across restarts of `npm start`: one JSON file beside the database. Tests run
// with dataDir null and never touch it. Small and synchronous: the sandbox holds a few hundred trades.
import fs from 'node:fs';
import path from 'node:path';
import type { MerchantConfig } from '../config';
import type { Trade } from './trades';
import type { Notifier, NotifyJob } from './notify';
import type { RefundForm } from './events';

export interface PaySnapshot {
  version: 1;
  merchants: MerchantConfig[];
  trades: Trade[];
  jobs: NotifyJob[];
  deliveries: Notifier['deliveries'];
  refundForm: RefundForm;
}

/** Deliveries kept on disk (the newest); the in-memory list is complete. */
const KEEP_DELIVERIES = 2000;

export class PayStore {
  readonly file: string;

  constructor(dataDir: string) {
    this.file = path.join(dataDir, 'pay.json');
  }

  read(): PaySnapshot | null {
    try {
      const snap = JSON.parse(fs.readFileSync(this.file, 'utf8')) as PaySnapshot;
      return snap.version === 1 ? snap : null;
    } catch {
      return null;
    }
  }

  write(snap: PaySnapshot): void {
    fs.mkdirSync(path.dirname(this.file), { recursive: true });
    const tmp = `${this.file}.${process.pid}.tmp`;
    fs.writeFileSync(tmp, JSON.stringify({ ...snap, deliveries: snap.deliveries.slice(-KEEP_DELIVERIES) }));
    fs.renameSync(tmp, this.file);
  }
}
