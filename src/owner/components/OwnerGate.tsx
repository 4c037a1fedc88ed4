// The loading / error / not-the-owner states of every owner page (docs/style.md §13). A NOT_SHOP_OWNER answer
// shows the message of core/errors.ts and the way back, never an empty console; so does a staff member
// whose role may not open the page (FORBIDDEN_ROLE, or `allowed` false for what the page is for). Every
// loaded owner page carries the privacy sheet: photos, files, the clipboard and the album are private APIs (docs/wechat-contracts.md §7a).
import { Button, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import type { ReactNode } from 'react';
import { PageState } from '../../components/PageState';
import { PrivacySheet } from '../../privacy/PrivacySheet';
import { OT } from '../text';
import type { Loaded } from './useOwnerLoad';
import './owner.scss';

interface Props<T> {
  loaded: Loaded<T>;
  children: (data: T) => ReactNode;
  /** Whether the caller's role may open the page (core/roles.ts); the server refuses the rest anyway. */
  allowed?: (data: T) => boolean;
}

function Forbidden() {
  return (
    <View className="owner-denied" data-testid="forbidden-role">
      <Text className="owner-denied__title">{OT.roles.forbidden}</Text>
      <Button className="secondary-button" size="mini" onClick={() => void Taro.navigateBack()}>{OT.common.back}</Button>
    </View>
  );
}

export function OwnerGate<T>({ loaded, children, allowed }: Props<T>) {
  const { data, error, reload } = loaded;
  if (error && error.code === 'FORBIDDEN_ROLE') return <Forbidden />;
  if (data !== null && allowed && !allowed(data)) return <Forbidden />;
  if (error && error.code === 'NOT_SHOP_OWNER') {
    return (
      <View className="owner-denied" data-testid="not-owner">
        <Text className="owner-denied__title">{error.message}</Text>
        <Text className="owner-denied__hint">{OT.common.notOwnerHint}</Text>
        <Button className="secondary-button" size="mini" onClick={() => void Taro.switchTab({ url: '/pages/home/index' })}>
          {OT.common.backHome}
        </Button>
      </View>
    );
  }
  if (error && data === null) return <PageState kind="error" message={error.message} onRetry={() => void reload()} />;
  if (data === null) return <PageState kind="loading" />;
  return (
    <View className="owner">
      {children(data)}
      <PrivacySheet />
    </View>
  );
}
