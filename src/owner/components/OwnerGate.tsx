// The loading / error / not-the-owner states of every owner page (STYLE.md §13). A NOT_SHOP_OWNER answer
// shows the message of core/errors.ts and the way back, never an empty console. Every loaded owner page
// carries the privacy sheet: photos, files, the clipboard and the album are private APIs (§7a).
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
}

export function OwnerGate<T>({ loaded, children }: Props<T>) {
  const { data, error, reload } = loaded;
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
