// STUB — replaced by the Cloud Pay sandbox (issue 6).
import type { LocalCloud } from '../index';
import type { CloudModule } from '../types';

export class PaySandbox implements CloudModule {
  constructor(readonly cloud: LocalCloud) {}
  reset(): void {}
}
