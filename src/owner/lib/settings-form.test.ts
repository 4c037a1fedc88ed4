// Settings: delivery fees typed in yuan are stored in fen exactly; the merchant number, timeout and
// auto-complete days are checked against the contract's bounds; at least one delivery method stays on.
import { defaultShopSettings } from '../../../core/checkout';
import { fen } from '../../../core/money';
import { buildSettings, settingsForm } from './settings-form';

const base = () => settingsForm({ ...defaultShopSettings(), delivery: { ...defaultShopSettings().delivery, local: { enabled: true, fee: fen(500), freeFrom: fen(3900), note: '' } } });

test('the shop’s settings come back into the form as yuan and go out unchanged as fen', () => {
  const form = base();
  expect(form.local).toEqual({ enabled: true, fee: '5.00', freeFrom: '39.00', note: '' });
  const built = buildSettings('S1', form);
  expect(built.ok && built.payload).toEqual({
    shopId: 'S1', subMchId: null, payChannel: 'cloudpay', goodsCategory: 'general', acceptMode: 'manual', unpaidTimeoutMinutes: 15, payOnPickup: false, autoCompleteDays: 7,
    delivery: {
      pickup: { enabled: true, address: '', note: '' },
      local: { enabled: true, fee: 500, freeFrom: 3900, note: '' },
      express: { enabled: false, fee: 0, freeFrom: null, note: '' },
    },
  });
});

test('a fee of "6.5" is 650 fen; a blank free-from threshold means never free', () => {
  const form = base();
  const built = buildSettings('S1', { ...form, subMchId: ' 1900000222 ', local: { ...form.local, fee: '6.5', freeFrom: '' } });
  expect(built.ok && built.payload.delivery).toMatchObject({ local: { fee: 650, freeFrom: null } });
  expect(built.ok && built.payload.subMchId).toBe('1900000222');
});

test('bad amounts, a non-numeric merchant number, out-of-range minutes and no delivery method are all refused', () => {
  const form = base();
  const built = buildSettings('S1', {
    ...form, subMchId: 'abc', pickup: { ...form.pickup, enabled: false }, local: { ...form.local, enabled: false, fee: '5.555' },
    unpaidTimeoutMinutes: '3', autoCompleteDays: '31',
  });
  expect(built.ok).toBe(false);
  expect(!built.ok && Object.keys(built.errors).sort()).toEqual(['autoCompleteDays', 'delivery', 'localFee', 'subMchId', 'unpaidTimeoutMinutes']);
});

test('a shoe shop cannot save Cloud Pay: the form asks for a WeChat Pay merchant channel instead', () => {
  const form = { ...base(), goodsCategory: 'shoes' as const };
  expect(buildSettings('S1', form)).toMatchObject({ ok: false, errors: { payChannel: expect.stringContaining('不能使用云支付') } });
  expect(buildSettings('S1', { ...form, payChannel: 'v3-partner' })).toMatchObject({ ok: true, payload: { payChannel: 'v3-partner', goodsCategory: 'shoes' } });
});
