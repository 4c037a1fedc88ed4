// STUB — replaced by cloud storage (files under the data dir, cloud:// ids, expiring temp URLs).
import type { LocalCloud } from '../index';
import type { CloudModule } from '../types';

export class FileStorage implements CloudModule {
  constructor(readonly cloud: LocalCloud, readonly options: { dir: string | null }) {}
  reset(): void {}
}
