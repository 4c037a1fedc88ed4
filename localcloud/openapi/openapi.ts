// STUB — replaced by the open API (subscribeMessage, wxacode, shipping info; issue 6).
import type { LocalCloud } from '../index';
import type { CloudModule } from '../types';

export class OpenApi implements CloudModule {
  constructor(readonly cloud: LocalCloud) {}
  reset(): void {}
}
