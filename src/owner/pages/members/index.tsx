// 会员 (docs/product.md §4): the shop's membership plans (products of kind membership), its members
// with tag and expiry, gifts of days to a customer, and revoking a membership (asked twice: a reason, then
// a confirmation).
import { Button, Text, View } from '@tarojs/components';
import Taro, { usePullDownRefresh, useRouter } from '@tarojs/taro';
import { useRef, useState } from 'react';
import type { MemberRow } from '../../../../core/contracts/views';
import { MEMBER_FILTERS } from '../../../../core/contracts/membership';
import { formatYuan } from '../../../../core/money';
import { PageState } from '../../../components/PageState';
import { formatDate } from '../../../lib/time';
import { call, errorMessage } from '../../../services/cloud';
import { allProducts } from '../../lib/products';
import { GiftSheet, type GiftRequest } from '../../components/GiftSheet';
import { OwnerGate } from '../../components/OwnerGate';
import { ReasonSheet } from '../../components/ReasonSheet';
import { useOwnerLoad } from '../../components/useOwnerLoad';
import { ownerUrl } from '../../lib/routes';
import { OT } from '../../text';
import './index.scss';

type Filter = (typeof MEMBER_FILTERS)[number];

export default function MembersPage() {
  const { params } = useRouter();
  const shopId = params.shopId ?? '';
  const [filter, setFilter] = useState<Filter>('active');
  const filterRef = useRef<Filter>('active');
  const [gifting, setGifting] = useState(false);
  const [revoking, setRevoking] = useState<MemberRow | null>(null);
  const [busy, setBusy] = useState(false);
  const loaded = useOwnerLoad(async () => {
    const [members, products, customers] = await Promise.all([
      call('membership', 'members', { shopId, state: filterRef.current, limit: 50 }),
      allProducts(shopId),
      call('shopAdmin', 'customers', { shopId, limit: 50 }),
    ]);
    return { members, plans: products.filter((p) => p.kind === 'membership'), customers: customers.items };
  });
  usePullDownRefresh(() => void loaded.reload().finally(() => Taro.stopPullDownRefresh()));

  const choose = (f: Filter) => {
    filterRef.current = f;
    setFilter(f);
    void loaded.reload();
  };
  const run = async (send: () => Promise<unknown>, done: string, confirmText: string) => {
    // A revoke ends a membership: named on its button, in red; "再想想" keeps it.
    const revoke = done === OT.members.revokeDone;
    const { confirm } = await Taro.showModal({
      title: '', content: confirmText, cancelText: '再想想', confirmText: revoke ? OT.members.revoke : OT.members.gift, confirmColor: revoke ? '#d9363e' : '#07c160',
    });
    if (!confirm) return;
    setBusy(true);
    try {
      await send();
      setGifting(false);
      setRevoking(null);
      Taro.showToast({ title: done, icon: 'success', duration: 1000 });
      void loaded.reload();
    } catch (err) {
      Taro.showToast({ title: errorMessage(err), icon: 'none' });
    } finally {
      setBusy(false);
    }
  };

  return (
    <OwnerGate loaded={loaded}>
      {({ members, plans, customers }) => {
        const tags = [...new Set([...plans.map((p) => p.membership?.tag ?? ''), ...members.items.map((m) => m.tag)].filter(Boolean))];
        return (
          <View className="members">
            <View className="section">
              <Text className="section__title">{OT.members.plans}</Text>
              {plans.length === 0 ? <Text className="muted">{OT.members.plansEmpty}</Text> : plans.map((p) => (
                <View key={p.productId} className="row" onClick={() => Taro.navigateTo({ url: ownerUrl('product', shopId, { productId: p.productId }) })}>
                  <Text>{p.name}</Text>
                  <Text className="muted">{OT.members.planLine(p.membership?.tag ?? '', p.membership?.lifetime ? null : p.membership?.days ?? null)} · {formatYuan(p.price)}</Text>
                </View>
              ))}
              <Button className="secondary-button members__plan" size="mini" onClick={() => Taro.navigateTo({ url: ownerUrl('product', shopId, { kind: 'membership' }) })}>
                ＋ {OT.members.addPlan}
              </Button>
            </View>
            <View className="owner-tabs">
              {MEMBER_FILTERS.map((f) => (
                <Text key={f} className={`owner-tabs__tab ${filter === f ? 'owner-tabs__tab--on' : ''}`} onClick={() => choose(f)}>{OT.members.filters[f]}</Text>
              ))}
            </View>
            {members.items.length === 0 ? <PageState kind="empty" message={OT.members.empty} /> : (
              <View className="section">
                {members.items.map((m) => (
                  <View key={`${m.buyerOpenid}-${m.tag}`} className="members__row" data-testid="member-row">
                    <View className="members__who">
                      <Text>{m.buyerName} <Text className="badge badge--gold">{m.tag}</Text></Text>
                      <Text className="muted">
                        {m.state === 'revoked' ? OT.members.revoked : m.state === 'expired' ? OT.members.expired : m.lifetime ? OT.members.lifetime : `${OT.members.until(formatDate(m.expiresAt))} · ${OT.members.daysLeft(m.daysLeft ?? 0)}`}
                      </Text>
                    </View>
                    {m.state !== 'expired' && m.state !== 'revoked' && <Text className="members__revoke" data-testid="revoke" onClick={() => setRevoking(m)}>{OT.members.revoke}</Text>}
                  </View>
                ))}
              </View>
            )}
            <View className="members__gift">
              <Button className="primary-button" data-testid="gift" onClick={() => setGifting(true)}>{OT.members.gift}</Button>
            </View>
            {gifting && (
              <GiftSheet customers={customers} tags={tags.length > 0 ? tags : ['vip']} busy={busy} onClose={() => setGifting(false)}
                onConfirm={(req: GiftRequest, s) => void run(() => call('membership', 'gift', { shopId, ...req }), OT.members.giftDone, OT.members.giftConfirm(s.who, s.what))} />
            )}
            {revoking && (
              <ReasonSheet title={OT.members.revoke} confirmLabel={OT.members.revoke} busy={busy} onClose={() => setRevoking(null)}
                onConfirm={(reason) => void run(() => call('membership', 'revoke', { shopId, buyerOpenid: revoking.buyerOpenid, tag: revoking.tag, reason }),
                  OT.members.revokeDone, OT.members.revokeConfirm(revoking.buyerName, revoking.tag))} />
            )}
          </View>
        );
      }}
    </OwnerGate>
  );
}
