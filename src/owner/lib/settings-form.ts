// The settings form (docs/product.md §7) ↔ shopAdmin.updateSettings: fees typed in yuan become fen
// exactly (core/money yuanToFen), minutes and days are whole numbers within the contract's bounds, and at
// least one delivery method stays on (the contract's own rule).
import { MAX_AUTO_COMPLETE_DAYS, MAX_UNPAID_TIMEOUT_MINUTES, MIN_UNPAID_TIMEOUT_MINUTES } from '../../../core/checkout';
import { SUB_MCH_ID_PATTERN } from '../../../core/contracts/fields';
import type { RequestPayload } from '../../../core/contracts/registry';
import { MAX_PRICE_FEN, yuanToFen, type Fen } from '../../../core/money';
import type { AcceptMode, PayChannelKind, ShopSettings } from '../../../core/model';
import { cloudPayAllowed, type GoodsCategory } from '../../../core/pay-channels';
import { OT } from '../text';
import { fenToYuanText } from './product-form';

interface FeeForm {
  enabled: boolean;
  fee: string;
  freeFrom: string;
  note: string;
}

export interface SettingsForm {
  subMchId: string;
  payChannel: PayChannelKind;
  goodsCategory: GoodsCategory;
  pickup: { enabled: boolean; address: string; note: string };
  local: FeeForm;
  express: FeeForm;
  acceptMode: AcceptMode;
  unpaidTimeoutMinutes: string;
  payOnPickup: boolean;
  autoCompleteDays: string;
}

export type SettingsErrors = Partial<Record<'subMchId' | 'payChannel' | 'delivery' | 'localFee' | 'localFreeFrom' | 'expressFee' | 'expressFreeFrom' | 'unpaidTimeoutMinutes' | 'autoCompleteDays', string>>;

export type SettingsPayload = RequestPayload<'shopAdmin', 'updateSettings'>;

const feeForm = (o: ShopSettings['delivery']['local']): FeeForm => ({
  enabled: o.enabled, fee: fenToYuanText(o.fee), freeFrom: o.freeFrom === null ? '' : fenToYuanText(o.freeFrom), note: o.note,
});

export function settingsForm(s: ShopSettings): SettingsForm {
  return {
    subMchId: s.subMchId ?? '',
    payChannel: s.payChannel ?? 'cloudpay',
    goodsCategory: s.goodsCategory ?? 'general',
    pickup: { ...s.delivery.pickup },
    local: feeForm(s.delivery.local),
    express: feeForm(s.delivery.express),
    acceptMode: s.acceptMode,
    unpaidTimeoutMinutes: String(s.unpaidTimeoutMinutes),
    payOnPickup: s.payOnPickup,
    autoCompleteDays: String(s.autoCompleteDays),
  };
}

function money(text: string, allowZero: boolean): Fen | null {
  const parsed = yuanToFen(text.trim());
  if (!parsed.ok || parsed.data > MAX_PRICE_FEN || (!allowZero && parsed.data < 1)) return null;
  return parsed.data;
}

function whole(text: string, min: number, max: number): number | null {
  if (!/^\d{1,6}$/.test(text.trim())) return null;
  const n = Number(text.trim());
  return n >= min && n <= max ? n : null;
}

export function buildSettings(shopId: string, f: SettingsForm): { ok: true; payload: SettingsPayload } | { ok: false; errors: SettingsErrors } {
  const errors: SettingsErrors = {};
  const subMchId = f.subMchId.trim();
  if (subMchId !== '' && !SUB_MCH_ID_PATTERN.test(subMchId)) errors.subMchId = OT.settings.subMchIdInvalid;
  if (f.payChannel === 'cloudpay' && !cloudPayAllowed(f.goodsCategory)) errors.payChannel = OT.settings.cloudPayForbidden;
  const fees = (key: 'local' | 'express') => {
    const o = f[key];
    const fee = money(o.fee || '0', true);
    const freeFrom = o.freeFrom.trim() === '' ? null : money(o.freeFrom, false);
    if (fee === null) errors[`${key}Fee`] = OT.settings.feeInvalid;
    if (o.freeFrom.trim() !== '' && freeFrom === null) errors[`${key}FreeFrom`] = OT.settings.feeInvalid;
    return { enabled: o.enabled, fee: fee ?? (0 as Fen), freeFrom, note: o.note.trim() };
  };
  const local = fees('local');
  const express = fees('express');
  if (!f.pickup.enabled && !local.enabled && !express.enabled) errors.delivery = OT.settings.deliveryNone;
  const timeout = whole(f.unpaidTimeoutMinutes, MIN_UNPAID_TIMEOUT_MINUTES, MAX_UNPAID_TIMEOUT_MINUTES);
  if (timeout === null) errors.unpaidTimeoutMinutes = OT.settings.unpaidTimeoutInvalid(MIN_UNPAID_TIMEOUT_MINUTES, MAX_UNPAID_TIMEOUT_MINUTES);
  const autoComplete = whole(f.autoCompleteDays, 1, MAX_AUTO_COMPLETE_DAYS);
  if (autoComplete === null) errors.autoCompleteDays = OT.settings.autoCompleteInvalid(MAX_AUTO_COMPLETE_DAYS);
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return {
    ok: true,
    payload: {
      shopId,
      subMchId: subMchId === '' ? null : subMchId,
      payChannel: f.payChannel,
      goodsCategory: f.goodsCategory,
      delivery: { pickup: { enabled: f.pickup.enabled, address: f.pickup.address.trim(), note: f.pickup.note.trim() }, local, express },
      acceptMode: f.acceptMode,
      unpaidTimeoutMinutes: timeout as number,
      payOnPickup: f.payOnPickup,
      autoCompleteDays: autoComplete as number,
    },
  };
}
