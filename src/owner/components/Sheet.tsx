// A bottom sheet for what an action needs before it can be confirmed (a reason, lines, a tracking number).
// Plain views, so it looks the same in weapp and h5; the confirmation itself is still Taro.showModal.
import { Button, Text, View } from '@tarojs/components';
import type { ReactNode } from 'react';
import { OT } from '../text';

interface Props {
  title: string;
  children: ReactNode;
  confirmLabel: string;
  onConfirm: () => void;
  onClose: () => void;
  busy?: boolean;
  testId?: string;
}

export function Sheet({ title, children, confirmLabel, onConfirm, onClose, busy, testId }: Props) {
  return (
    <View className="sheet" data-testid={testId}>
      <View className="sheet__mask" onClick={onClose} />
      <View className="sheet__panel">
        <Text className="sheet__title">{title}</Text>
        <View className="sheet__body">{children}</View>
        <View className="sheet__buttons">
          <Button className="secondary-button sheet__button" onClick={onClose}>{OT.common.cancel}</Button>
          <Button className="primary-button sheet__button" data-testid="sheet-confirm" disabled={busy} onClick={onConfirm}>{confirmLabel}</Button>
        </View>
      </View>
    </View>
  );
}
