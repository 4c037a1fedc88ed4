// The coupon and 满减 forms of the promotions page (src/owner/lib/promotion-form.ts turns them into payloads).
import { Button, Text, View } from '@tarojs/components';
import { useState } from 'react';
import type { PromotionScope } from '../../../core/model';
import { errorMessage } from '../../services/cloud';
import { activityPayload, couponPayload, type ActivityForm, type CouponForm, type FormResult } from '../lib/promotion-form';
import { PT } from '../promotions-text';
import { Field } from './Field';
import { Toggle } from './Toggle';

export interface Choices {
  products: { id: string; name: string }[];
  categories: { id: string; name: string }[];
}

function Chips<K extends string>({ options, value, onChange, testId }: { options: [K, string][]; value: K | K[]; onChange: (k: K) => void; testId: string }) {
  const on = (k: K) => (Array.isArray(value) ? value.includes(k) : value === k);
  return (
    <View className="promotions__chips">
      {options.map(([k, label]) => (
        <View key={k} className={`promotions__chip ${on(k) ? 'promotions__chip--on' : ''}`} data-testid={`${testId}-${k}`} onClick={() => onChange(k)}>
          <Text>{label}</Text>
        </View>
      ))}
    </View>
  );
}

function ScopePicker({ scope, onChange, choices }: { scope: PromotionScope; onChange: (s: PromotionScope) => void; choices: Choices }) {
  const picked = scope.kind === 'products' ? scope.productIds : scope.kind === 'categories' ? scope.categoryIds : [];
  const toggle = (id: string) => {
    const next = picked.includes(id) ? picked.filter((x) => x !== id) : [...picked, id];
    if (scope.kind === 'products') onChange({ kind: 'products', productIds: next });
    if (scope.kind === 'categories') onChange({ kind: 'categories', categoryIds: next });
  };
  const list = scope.kind === 'products' ? choices.products : scope.kind === 'categories' ? choices.categories : [];
  return (
    <View>
      <Text className="field__label">{PT.scope}</Text>
      <Chips<PromotionScope['kind']> testId="scope" value={scope.kind}
        options={[['shop', PT.scopeShop], ['products', PT.scopeProducts], ['categories', PT.scopeCategories]]}
        onChange={(k) => onChange(k === 'shop' ? { kind: 'shop' } : k === 'products' ? { kind: 'products', productIds: [] } : { kind: 'categories', categoryIds: [] })} />
      {list.length > 0 && <Chips testId="scope-item" value={picked} options={list.map((x) => [x.id, x.name])} onChange={toggle} />}
    </View>
  );
}

interface EditorProps<F, P> {
  initial: F;
  choices: Choices;
  onSave: (payload: P) => Promise<void>;
  onCancel: () => void;
}

function useSave<P>(onSave: (p: P) => Promise<void>) {
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  const save = async (built: FormResult<P>) => {
    if (!built.ok) return setError(built.error);
    const s = (built.data as { scope?: PromotionScope }).scope;
    if ((s?.kind === 'products' && s.productIds.length === 0) || (s?.kind === 'categories' && s.categoryIds.length === 0)) return setError(PT.pickSome);
    setBusy(true);
    setError('');
    try {
      await onSave(built.data);
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };
  return { error, busy, save };
}

function Buttons({ busy, onSave, onCancel, testId }: { busy: boolean; onSave: () => void; onCancel: () => void; testId: string }) {
  return (
    <View className="promotions__chips">
      <Button className="secondary-button promotions__button" onClick={onCancel}>{PT.cancel}</Button>
      <Button className="primary-button promotions__button" data-testid={testId} disabled={busy} onClick={onSave}>{busy ? PT.saving : PT.save}</Button>
    </View>
  );
}

type CouponPayload = Extract<ReturnType<typeof couponPayload>, { ok: true }>['data'];
type ActivityPayload = Extract<ReturnType<typeof activityPayload>, { ok: true }>['data'];

export function CouponEditor({ initial, choices, onSave, onCancel, shopId, couponId }: EditorProps<CouponForm, CouponPayload> & { shopId: string; couponId?: string }) {
  const [f, setF] = useState(initial);
  const set = <K extends keyof CouponForm>(k: K) => (v: CouponForm[K]) => setF((x) => ({ ...x, [k]: v }));
  const { error, busy, save } = useSave(onSave);
  return (
    <View className="section" data-testid="coupon-editor">
      <Field label={PT.name} value={f.name} onInput={set('name')} placeholder={PT.couponNamePlaceholder} maxlength={40} testId="coupon-name" />
      <Chips testId="coupon-kind" value={f.kind} options={[['amount', PT.amountKind], ['percent', PT.percentKind]]} onChange={set('kind')} />
      {f.kind === 'amount'
        ? <Field label={PT.off} value={f.off} onInput={set('off')} type="digit" testId="coupon-off" />
        : (
          <>
            <Field label={PT.rate} value={f.rate} onInput={set('rate')} type="digit" hint={PT.rateHint} testId="coupon-rate" />
            <Field label={PT.maxOff} value={f.maxOff} onInput={set('maxOff')} type="digit" testId="coupon-max-off" />
          </>
        )}
      <Field label={PT.threshold} value={f.threshold} onInput={set('threshold')} type="digit" testId="coupon-threshold" />
      <Chips testId="coupon-validity" value={f.validity} options={[['days', PT.validityDays], ['dates', PT.validityDates]]} onChange={set('validity')} />
      {f.validity === 'days'
        ? <Field label={PT.days} value={f.days} onInput={set('days')} type="number" testId="coupon-days" />
        : (
          <>
            <Field label={PT.from} value={f.from} onInput={set('from')} placeholder={PT.datePlaceholder} testId="coupon-from" />
            <Field label={PT.until} value={f.until} onInput={set('until')} placeholder={PT.datePlaceholder} testId="coupon-until" />
          </>
        )}
      <Field label={PT.quantity} value={f.quantity} onInput={set('quantity')} type="number" testId="coupon-quantity" />
      <Field label={PT.perBuyer} value={f.perBuyer} onInput={set('perBuyer')} type="number" testId="coupon-per-buyer" />
      <Toggle label={PT.membersOnly} on={f.membersOnly} onChange={set('membersOnly')} testId="coupon-members-only" />
      <Toggle label={PT.public} on={f.public} onChange={set('public')} testId="coupon-public" />
      <ScopePicker scope={f.scope} onChange={set('scope')} choices={choices} />
      {error && <Text className="field__error" data-testid="coupon-error">{error}</Text>}
      <Buttons busy={busy} onCancel={onCancel} onSave={() => void save(couponPayload(f, shopId, couponId))} testId="coupon-save" />
    </View>
  );
}

export function ActivityEditor({ initial, choices, onSave, onCancel, shopId, activityId }: EditorProps<ActivityForm, ActivityPayload> & { shopId: string; activityId?: string }) {
  const [f, setF] = useState(initial);
  const set = <K extends keyof ActivityForm>(k: K) => (v: ActivityForm[K]) => setF((x) => ({ ...x, [k]: v }));
  const setTier = (i: number, k: 'threshold' | 'off') => (v: string) => setF((x) => ({ ...x, tiers: x.tiers.map((t, j) => (j === i ? { ...t, [k]: v } : t)) }));
  const { error, busy, save } = useSave(onSave);
  return (
    <View className="section" data-testid="activity-editor">
      <Field label={PT.name} value={f.name} onInput={set('name')} placeholder={PT.activityNamePlaceholder} maxlength={40} testId="activity-name" />
      <Text className="field__label">{PT.tiers}</Text>
      {f.tiers.map((t, i) => (
        <View key={i} className="promotions__tier">
          <Field label={PT.tierThreshold} value={t.threshold} onInput={setTier(i, 'threshold')} type="digit" testId={`tier-threshold-${i}`} />
          <Field label={PT.tierOff} value={t.off} onInput={setTier(i, 'off')} type="digit" testId={`tier-off-${i}`} />
          {f.tiers.length > 1 && (
            <Button size="mini" className="secondary-button" onClick={() => setF((x) => ({ ...x, tiers: x.tiers.filter((_, j) => j !== i) }))}>{PT.removeTier}</Button>
          )}
        </View>
      ))}
      {f.tiers.length < 5 && (
        <Button className="secondary-button promotions__button" onClick={() => setF((x) => ({ ...x, tiers: [...x.tiers, { threshold: '', off: '' }] }))}>{PT.addTier}</Button>
      )}
      <Field label={PT.from} value={f.from} onInput={set('from')} placeholder={PT.datePlaceholder} testId="activity-from" />
      <Field label={PT.until} value={f.until} onInput={set('until')} placeholder={PT.datePlaceholder} testId="activity-until" />
      <Toggle label={PT.membersOnly} on={f.membersOnly} onChange={set('membersOnly')} testId="activity-members-only" />
      <ScopePicker scope={f.scope} onChange={set('scope')} choices={choices} />
      {error && <Text className="field__error" data-testid="activity-error">{error}</Text>}
      <Buttons busy={busy} onCancel={onCancel} onSave={() => void save(activityPayload(f, shopId, activityId))} testId="activity-save" />
    </View>
  );
}
