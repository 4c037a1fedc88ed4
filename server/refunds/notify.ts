// The refund result notify (WECHAT-CONTRACTS §3.4).
import { ok } from '../../core/errors';
import type { Operation } from '../handler';

export const refundNotifyOperations: Record<string, Operation> = {
  notify: async () => ok({ errcode: 0, errmsg: 'OK' }),
};
