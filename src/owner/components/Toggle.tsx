// An on/off switch drawn with views (the same in weapp, h5 and the component tests).
import { Text, View } from '@tarojs/components';

interface Props {
  on: boolean;
  onChange: (on: boolean) => void;
  label?: string;
  disabled?: boolean;
  testId?: string;
}

export function Toggle({ on, onChange, label, disabled, testId }: Props) {
  return (
    <View
      className={`toggle ${on ? 'toggle--on' : ''} ${disabled ? 'toggle--disabled' : ''}`}
      data-testid={testId}
      aria-checked={on}
      onClick={() => !disabled && onChange(!on)}
    >
      {label && <Text className="toggle__label">{label}</Text>}
      <View className="toggle__track"><View className="toggle__knob" /></View>
    </View>
  );
}
