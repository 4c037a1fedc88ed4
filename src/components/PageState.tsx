// The loading, empty and error states every page shows (docs/style.md §13).
import { Button, Text, View } from '@tarojs/components';
import { T } from '../text';
import './PageState.scss';

export type LoadStatus = 'loading' | 'ready' | 'error';

interface Props {
  kind: 'loading' | 'empty' | 'error';
  message?: string;
  onRetry?: () => void;
  action?: { label: string; onClick: () => void };
}

export function PageState({ kind, message, onRetry, action }: Props) {
  const text = message ?? (kind === 'loading' ? T.common.loading : kind === 'error' ? T.common.unknownError : '');
  return (
    <View className={`page-state page-state--${kind}`} data-testid={`state-${kind}`}>
      {kind === 'loading' && <View className="page-state__spinner" />}
      <Text className="page-state__text">{text}</Text>
      {kind === 'error' && onRetry && (
        <Button className="secondary-button page-state__button" onClick={onRetry}>{T.common.retry}</Button>
      )}
      {action && (
        <Button className="primary-button page-state__button" onClick={action.onClick}>{action.label}</Button>
      )}
    </View>
  );
}
