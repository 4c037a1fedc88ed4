// A quantity stepper: − n +, clamped to [min, max].
import { Text, View } from '@tarojs/components';
import './Stepper.scss';

interface Props {
  value: number;
  min?: number;
  max?: number;
  onChange: (value: number) => void;
  label?: string;
}

export function Stepper({ value, min = 1, max = 999, onChange, label }: Props) {
  const dec = value > min;
  const inc = value < max;
  return (
    <View className="stepper" aria-label={label}>
      <View className={`stepper__btn ${dec ? '' : 'stepper__btn--off'}`} data-testid="stepper-dec" onClick={() => dec && onChange(value - 1)}>−</View>
      <Text className="stepper__value" data-testid="stepper-value">{value}</Text>
      <View className={`stepper__btn ${inc ? '' : 'stepper__btn--off'}`} data-testid="stepper-inc" onClick={() => inc && onChange(value + 1)}>+</View>
    </View>
  );
}
