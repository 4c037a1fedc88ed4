// 优惠活动: the owner's 满减 activities and coupons — created, edited, stopped — with each coupon's
// figures (claimed / used / the revenue of the orders that used it), its code and a share card that
// claims it. The stacking rule is shown word for word as buyers read it (core/promotions.ts).
import { Button, Text, View } from '@tarojs/components';
import Taro, { useRouter, useShareAppMessage } from '@tarojs/taro';
import { useState } from 'react';
import type { ActivityRow, CouponRow } from '../../../../core/contracts/coupons';
import { formatYuan } from '../../../../core/money';
import { chinaDayKey, DAY_MS } from '../../../../core/time';
import { call } from '../../../services/cloud';
import { allProducts } from '../../lib/products';
import { OwnerGate } from '../../components/OwnerGate';
import { ActivityEditor, CouponEditor, type Choices } from '../../components/PromotionEditors';
import { useOwnerLoad } from '../../components/useOwnerLoad';
import { chinaToday, EMPTY_ACTIVITY, EMPTY_COUPON, type ActivityForm, type CouponForm } from '../../lib/promotion-form';
import { PT } from '../../promotions-text';
import './index.scss';

type Editing = { kind: 'coupon'; form: CouponForm; id?: string } | { kind: 'activity'; form: ActivityForm; id?: string } | null;

const yuanText = (fen: number) => (fen / 100).toFixed(2).replace(/\.00$/, '');

function couponForm(c: CouponRow): CouponForm {
  const b = c.benefit;
  return {
    name: c.name, kind: b.kind, off: b.kind === 'amount' ? yuanText(b.off) : '', rate: b.kind === 'percent' ? String((100 - b.percentOff) / 10) : '9',
    maxOff: b.kind === 'percent' && b.maxOff !== null ? yuanText(b.maxOff) : '', threshold: yuanText(b.threshold),
    validity: c.validity.kind, days: c.validity.kind === 'days' ? String(c.validity.days) : '7',
    from: c.validity.kind === 'dates' ? chinaDayKey(c.validity.from) : '', until: c.validity.kind === 'dates' ? chinaDayKey(c.validity.until - DAY_MS) : '',
    quantity: String(c.quantity), perBuyer: String(c.perBuyer), membersOnly: c.membersOnly, public: c.public, scope: c.scope,
  };
}

function activityForm(a: ActivityRow): ActivityForm {
  return {
    name: a.name, tiers: a.tiers.map((t) => ({ threshold: yuanText(t.threshold), off: yuanText(t.off) })),
    from: chinaDayKey(a.startsAt), until: chinaDayKey(a.endsAt - DAY_MS), membersOnly: a.membersOnly, scope: a.scope,
  };
}

export default function PromotionsPage() {
  const { params } = useRouter();
  const shopId = params.shopId ?? '';
  const loaded = useOwnerLoad(async () => {
    const [promotions, categories, products, shop] = await Promise.all([
      call('shopAdmin', 'listPromotions', { shopId }),
      call('shopAdmin', 'listCategories', { shopId }),
      allProducts(shopId),
      call('shopAdmin', 'getShop', { shopId }),
    ]);
    const choices: Choices = {
      categories: categories.map((c) => ({ id: c.categoryId, name: c.name })),
      products: products.map((p) => ({ id: p.productId, name: p.name })),
    };
    return { ...promotions, choices, shopName: shop.name };
  });
  const [editing, setEditing] = useState<Editing>(null);
  const [sharing, setSharing] = useState<CouponRow | null>(null);

  useShareAppMessage(() => ({
    title: PT.shareTitle(loaded.data?.shopName ?? '', sharing?.label ?? ''),
    path: `/pages/coupons/index?code=${sharing?.code ?? ''}`,
  }));

  const saved = async () => {
    setEditing(null);
    await loaded.reload();
  };
  const stop = (title: string, fn: () => Promise<unknown>) => Taro.showModal({ title: PT.stop, content: title })
    .then(async (r) => { if (r.confirm) { await fn(); await loaded.reload(); } });
  const today = chinaToday(Date.now());

  return (
    <OwnerGate loaded={loaded}>
      {({ coupons, activities, stackingRule, choices }) => (
        <View className="promotions">
          <View className="section">
            <Text className="section__title">{PT.rule}</Text>
            <Text className="promotions__rule" data-testid="stacking-rule">{stackingRule}</Text>
          </View>
          {editing?.kind === 'activity' && (
            <ActivityEditor initial={editing.form} choices={choices} shopId={shopId} activityId={editing.id} onCancel={() => setEditing(null)}
              onSave={async (payload) => { await call('shopAdmin', 'saveActivity', payload); await saved(); }} />
          )}
          {editing?.kind === 'coupon' && (
            <CouponEditor initial={editing.form} choices={choices} shopId={shopId} couponId={editing.id} onCancel={() => setEditing(null)}
              onSave={async (payload) => { await call('shopAdmin', 'saveCoupon', payload); await saved(); }} />
          )}
          <View className="section">
            <Text className="section__title">{PT.activities}</Text>
            {activities.length === 0 && <Text className="muted">{PT.noActivities}</Text>}
            {activities.map((a) => (
              <View key={a.activityId} className="promotions__row" data-testid="activity-row">
                <View className={`promotions__who ${a.status === 'stopped' ? 'promotions__stopped' : ''}`}>
                  <Text>{a.name === a.label ? a.name : `${a.name} · ${a.label}`}</Text>
                  <Text className="muted">{chinaDayKey(a.startsAt)} 至 {chinaDayKey(a.endsAt - DAY_MS)} · {a.status === 'stopped' ? PT.stopped : PT.running}</Text>
                </View>
                {a.status === 'active' && (
                  <View className="promotions__actions">
                    <Button size="mini" className="secondary-button" onClick={() => setEditing({ kind: 'activity', form: activityForm(a), id: a.activityId })}>{PT.edit}</Button>
                    <Button size="mini" className="secondary-button" onClick={() => void stop(PT.stopActivityConfirm(a.name), () => call('shopAdmin', 'stopActivity', { shopId, activityId: a.activityId }))}>{PT.stop}</Button>
                  </View>
                )}
              </View>
            ))}
            <Button className="primary-button promotions__button" data-testid="new-activity"
              onClick={() => setEditing({ kind: 'activity', form: { ...EMPTY_ACTIVITY, from: today, until: chinaToday(Date.now(), 30) } })}>{PT.newActivity}</Button>
          </View>
          <View className="section">
            <Text className="section__title">{PT.coupons}</Text>
            {coupons.length === 0 && <Text className="muted">{PT.noCoupons}</Text>}
            {coupons.map((c) => (
              <View key={c.couponId} className="promotions__row" data-testid="coupon-row">
                <View className={`promotions__who ${c.status === 'stopped' ? 'promotions__stopped' : ''}`}>
                  <Text>{c.name === c.label ? c.name : `${c.name} · ${c.label}`}</Text>
                  <Text className="muted" data-testid="coupon-figures">{PT.figures(c.issued, c.quantity, c.used, formatYuan(c.revenue))}</Text>
                  <Text className="muted">{PT.code(c.code)}{c.status === 'stopped' ? ` · ${PT.stopped}` : ''}</Text>
                </View>
                {c.status === 'active' && (
                  <View className="promotions__actions">
                    <Button size="mini" className="secondary-button" openType="share" onClick={() => setSharing(c)}>{PT.share}</Button>
                    <Button size="mini" className="secondary-button" onClick={() => void Taro.setClipboardData({ data: c.code })}>{PT.copyCode}</Button>
                    <Button size="mini" className="secondary-button" onClick={() => setEditing({ kind: 'coupon', form: couponForm(c), id: c.couponId })}>{PT.edit}</Button>
                    <Button size="mini" className="secondary-button" onClick={() => void stop(PT.stopConfirm(c.name), () => call('shopAdmin', 'stopCoupon', { shopId, couponId: c.couponId }))}>{PT.stop}</Button>
                  </View>
                )}
              </View>
            ))}
            <Button className="primary-button promotions__button" data-testid="new-coupon"
              onClick={() => setEditing({ kind: 'coupon', form: { ...EMPTY_COUPON, from: today, until: chinaToday(Date.now(), 30) } })}>{PT.newCoupon}</Button>
          </View>
        </View>
      )}
    </OwnerGate>
  );
}
