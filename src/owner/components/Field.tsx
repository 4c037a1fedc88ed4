// A labelled form row with its error underneath (the editor, settings, open-a-shop forms).
import { Input, Text, Textarea, View } from '@tarojs/components';
import type { ReactNode } from 'react';

interface Props {
  label: string;
  value: string;
  onInput: (value: string) => void;
  placeholder?: string;
  error?: string;
  hint?: ReactNode;
  type?: 'text' | 'number' | 'digit';
  multiline?: boolean;
  maxlength?: number;
  testId?: string;
}

export function Field({ label, value, onInput, placeholder, error, hint, type = 'text', multiline, maxlength = 140, testId }: Props) {
  return (
    <View className={`field ${error ? 'field--error' : ''}`}>
      <Text className="field__label">{label}</Text>
      {multiline ? (
        <Textarea className="field__textarea" value={value} placeholder={placeholder} maxlength={maxlength}
          data-testid={testId} onInput={(e) => onInput(e.detail.value)} />
      ) : (
        <Input className="field__input" value={value} placeholder={placeholder} type={type} maxlength={maxlength}
          data-testid={testId} onInput={(e) => onInput(e.detail.value)} />
      )}
      {hint && !error && <Text className="field__hint">{hint}</Text>}
      {error && <Text className="field__error" data-testid={testId ? `${testId}-error` : undefined}>{error}</Text>}
    </View>
  );
}
