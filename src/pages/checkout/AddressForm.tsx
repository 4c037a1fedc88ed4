// The address: WeChat's address picker in the mini-program (Taro.chooseAddress), a form in h5.
import { Input, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import type { Address } from '../../../core/model';
import { isH5 } from '../../env';
import { callPrivate } from '../../privacy/privacy';
import { T } from '../../text';

export const EMPTY_ADDRESS: Address = {
  userName: '', telNumber: '', provinceName: '', cityName: '', countyName: '', detailInfo: '', postalCode: '',
};

export function addressComplete(a: Address | null): a is Address {
  return !!a && !!a.userName.trim() && !!a.telNumber.trim() && !!a.provinceName.trim() && !!a.cityName.trim() && !!a.detailInfo.trim();
}

const FIELDS: (keyof typeof T.checkout.form)[] = ['userName', 'telNumber', 'provinceName', 'cityName', 'countyName', 'detailInfo'];

interface Props {
  value: Address | null;
  onChange: (a: Address) => void;
}

export function AddressForm({ value, onChange }: Props) {
  if (!isH5()) {
    const choose = async () => {
      // Closed picker: nothing changes. Declined privacy guide or refused permission: callPrivate says so.
      const r = await callPrivate('chooseAddress', () => Taro.chooseAddress());
      if (!r) return;
      onChange({
        userName: r.userName, telNumber: r.telNumber, provinceName: r.provinceName, cityName: r.cityName,
        countyName: r.countyName ?? '', detailInfo: r.detailInfo, postalCode: r.postalCode ?? '',
      });
    };
    return (
      <View className="address" onClick={() => void choose()}>
        {addressComplete(value) ? (
          <>
            <Text className="address__who">{value.userName} {value.telNumber}</Text>
            <Text className="address__where">{value.provinceName}{value.cityName}{value.countyName}{value.detailInfo}</Text>
          </>
        ) : (
          <Text className="address__choose">{T.checkout.chooseAddress} ›</Text>
        )}
      </View>
    );
  }
  const a = value ?? EMPTY_ADDRESS;
  return (
    <View className="address-form">
      {FIELDS.map((key) => (
        <View key={key} className="address-form__row">
          <Text className="address-form__label">{T.checkout.form[key]}</Text>
          <Input
            className="address-form__input"
            name={key}
            value={a[key]}
            type={key === 'telNumber' ? 'number' : 'text'}
            onInput={(e) => onChange({ ...a, [key]: e.detail.value })}
          />
        </View>
      ))}
    </View>
  );
}
