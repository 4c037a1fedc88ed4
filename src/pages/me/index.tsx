// 我的: my avatar and name (WeChat 头像昵称填写), my orders by status, my addresses, my memberships.
import { Button, Image, Input, Text, View } from '@tarojs/components';
import Taro, { useDidShow, usePullDownRefresh } from '@tarojs/taro';
import { useState } from 'react';
import type { BuyerProfileView, MembershipView } from '../../../core/contracts/views';
import type { Address } from '../../../core/model';
import { MembershipRow } from '../../components/MembershipRow';
import { PageState } from '../../components/PageState';
import { PersonaSwitcher } from '../../components/PersonaSwitcher';
import { pickWechatAddress, removeAddress, saveAddress, savedAddresses } from '../../lib/addresses';
import { uploadAvatar } from '../../services/avatar';
import { call, errorMessage } from '../../services/cloud';
import { pictureSrc } from '../../services/images';
import { T } from '../../text';
import { ORDERS_TAB_KEY } from '../../lib/orders-tab';
import { CT } from '../../coupon-text';
import './index.scss';

const SHORTCUTS = ['unpaid', 'paid', 'fulfilled', 'completed'] as const;

function goOrders(tab: string) {
  Taro.setStorageSync(ORDERS_TAB_KEY, tab);
  void Taro.switchTab({ url: '/pages/orders/index' });
}

export default function MePage() {
  const [memberships, setMemberships] = useState<MembershipView[] | null>(null);
  const [profile, setProfile] = useState<BuyerProfileView | null>(null);
  const [nickname, setNickname] = useState('');
  const [addresses, setAddresses] = useState<Address[]>(() => savedAddresses());
  const [error, setError] = useState<string | null>(null);
  const load = async () => {
    try {
      const [mine, me] = await Promise.all([call('membership', 'mine', {}), call('orders', 'profile', {})]);
      setMemberships(mine);
      setProfile(me);
      setNickname(me.nickname);
      setError(null);
    } catch (err) {
      setError(errorMessage(err));
    }
  };
  useDidShow(() => {
    setAddresses(savedAddresses());
    void load();
  });
  usePullDownRefresh(() => void load().finally(() => Taro.stopPullDownRefresh()));

  const save = async (next: { nickname?: string; avatar?: string | null }) => {
    try {
      const saved = await call('orders', 'saveProfile', { nickname: next.nickname ?? nickname, avatar: next.avatar !== undefined ? next.avatar : profile?.avatar ?? null });
      setProfile(saved);
      Taro.showToast({ title: T.me.saved, icon: 'none' });
    } catch (err) {
      Taro.showToast({ title: errorMessage(err), icon: 'none' });
    }
  };
  const chooseAvatar = async (tempPath: string) => {
    try {
      await save({ avatar: await uploadAvatar(tempPath) });
    } catch (err) {
      Taro.showToast({ title: errorMessage(err), icon: 'none' });
    }
  };
  const addFromWechat = async () => {
    const a = await pickWechatAddress();
    if (a) setAddresses(saveAddress(a));
  };

  const byShop = new Map<string, MembershipView[]>();
  for (const m of memberships ?? []) byShop.set(m.shopId, [...(byShop.get(m.shopId) ?? []), m]);
  const avatar = pictureSrc(profile?.avatar, profile?.avatarUrl);

  return (
    <View className="me">
      <PersonaSwitcher />
      <View className="section me__profile" data-testid="me-profile">
        <Button className="me__avatar-button" openType="chooseAvatar" onChooseAvatar={(e) => void chooseAvatar(e.detail.avatarUrl)}>
          {avatar ? <Image className="me__avatar" src={avatar} mode="aspectFill" /> : <View className="me__avatar me__avatar--empty">{T.me.avatar}</View>}
        </Button>
        <View className="me__who">
          <Input className="me__nickname" type="nickname" data-testid="me-nickname" placeholder={T.me.nicknamePlaceholder} value={nickname}
            maxlength={20} onInput={(e) => setNickname(e.detail.value)} onBlur={() => { if (profile && nickname.trim() !== profile.nickname) void save({ nickname: nickname.trim() }); }} />
          <Text className="muted">{profile && !profile.nickname ? profile.label : T.me.profileHint}</Text>
        </View>
      </View>
      <View className="section">
        <View className="row"><Text className="section__title">{T.me.orders}</Text><Text className="muted tap" onClick={() => goOrders('all')}>{T.me.allOrders}</Text></View>
        <View className="me__shortcuts">
          {SHORTCUTS.map((s) => (
            <View key={s} className="me__shortcut tap" data-testid={`me-orders-${s}`} onClick={() => goOrders(s)}><Text>{T.me.shortcuts[s]}</Text></View>
          ))}
        </View>
      </View>
      <View className="section row tap" data-testid="me-coupons" onClick={() => Taro.navigateTo({ url: '/pages/coupons/index' })}>
        <Text className="section__title">{CT.my}</Text><Text className="muted">›</Text>
      </View>
      <View className="section" data-testid="me-addresses">
        <Text className="section__title">{T.me.addresses}</Text>
        {addresses.length === 0 && <Text className="muted">{T.me.addressesEmpty}</Text>}
        {addresses.map((a, i) => (
          <View key={i} className="row me__address">
            <View className="me__address-text">
              <Text>{a.userName} {a.telNumber}</Text>
              <Text className="muted">{a.provinceName}{a.cityName}{a.countyName}{a.detailInfo}</Text>
            </View>
            <Text className="tap me__remove" onClick={() => setAddresses(removeAddress(i))}>{T.me.removeAddress}</Text>
          </View>
        ))}
        <Button className="secondary-button me__add" onClick={() => void addFromWechat()}>{T.me.addAddress}</Button>
      </View>
      <View className="section">
        <Text className="section__title">{T.me.memberships}</Text>
        {error && !memberships ? (
          <PageState kind="error" message={error} onRetry={() => void load()} />
        ) : !memberships ? (
          <PageState kind="loading" />
        ) : memberships.length === 0 ? (
          <PageState kind="empty" message={T.me.membershipsEmpty} />
        ) : (
          [...byShop].map(([shopId, list]) => (
            <View key={shopId} className="me__shop" onClick={() => Taro.navigateTo({ url: `/pages/membership/index?shopId=${shopId}` })}>
              <Text className="me__shop-name">{list[0].shopName} ›</Text>
              {list.map((m) => <MembershipRow key={m.tag} m={m} />)}
            </View>
          ))
        )}
      </View>
    </View>
  );
}
