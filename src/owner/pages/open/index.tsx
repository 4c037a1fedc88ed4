// 开店 (PRODUCT.md owner item 1): name, logo (chosen, then uploaded to cloud storage), phone and a short
// description → shopAdmin.createShop; the owner lands on the new shop's dashboard with its first steps.
// Identity is the caller's OPENID on the server: there is nothing to log in to.
import { Button, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useState } from 'react';
import { LIMITS } from '../../../../core/contracts/fields';
import { CloudImage } from '../../../components/CloudImage';
import { PrivacySheet } from '../../../privacy/PrivacySheet';
import { call, errorMessage } from '../../../services/cloud';
import { Field } from '../../components/Field';
import { checkShop, type ShopErrors } from '../../lib/shop-form';
import { chooseImages, uploadChosen } from '../../services/upload';
import { OT } from '../../text';
import '../../components/owner.scss';
import './index.scss';

export default function OpenShopPage() {
  const [name, setName] = useState('');
  const [phone, setPhone] = useState('');
  const [description, setDescription] = useState('');
  const [logo, setLogo] = useState<string | null>(null);
  const [uploading, setUploading] = useState(false);
  const [busy, setBusy] = useState(false);
  const [errors, setErrors] = useState<ShopErrors>({});

  const chooseLogo = async () => {
    const [chosen] = await chooseImages(1);
    if (!chosen) return;
    setUploading(true);
    try {
      setLogo(await uploadChosen('shops/logos', chosen));
    } catch {
      Taro.showToast({ title: OT.common.uploadFailed, icon: 'none' });
    } finally {
      setUploading(false);
    }
  };

  const submit = async () => {
    const found = checkShop(name, phone);
    setErrors(found);
    if (Object.keys(found).length > 0 || busy || uploading) return;
    setBusy(true);
    try {
      const shop = await call('shopAdmin', 'createShop', { name: name.trim(), phone: phone.trim(), description: description.trim(), logo });
      Taro.showToast({ title: OT.open.done, icon: 'success', duration: 1000 });
      await Taro.redirectTo({ url: `/owner/pages/dashboard/index?shopId=${shop.shopId}` });
    } catch (err) {
      Taro.showToast({ title: errorMessage(err), icon: 'none' });
    } finally {
      setBusy(false);
    }
  };

  return (
    <View className="owner open-shop">
      <PrivacySheet />
      <View className="open-shop__hero">
        <Text className="open-shop__title">{OT.open.title}</Text>
        <Text className="open-shop__lead">{OT.open.lead}</Text>
      </View>
      <View className="section">
        <View className="open-shop__logo-row">
          <View className="open-shop__logo" data-testid="choose-logo" onClick={() => void chooseLogo()}>
            {logo ? <CloudImage className="open-shop__logo-img" src={logo} /> : <Text className="open-shop__logo-plus">+</Text>}
          </View>
          <View className="open-shop__logo-text">
            <Text>{OT.open.logo}</Text>
            <Text className="muted" data-testid="logo-state">{uploading ? OT.common.uploading : logo ? OT.open.changeLogo : OT.open.chooseLogo}</Text>
          </View>
        </View>
        <Field label={OT.open.name} value={name} onInput={setName} placeholder={OT.open.namePlaceholder} error={errors.name} maxlength={LIMITS.name} testId="shop-name-input" />
        <Field label={OT.open.phone} value={phone} onInput={setPhone} placeholder={OT.open.phonePlaceholder} error={errors.phone} type="number" maxlength={20} testId="shop-phone-input" />
        <Field label={OT.open.description} value={description} onInput={setDescription} placeholder={OT.open.descriptionPlaceholder} multiline maxlength={200} testId="shop-description-input" />
      </View>
      <View className="open-shop__submit">
        <Button className="primary-button" data-testid="open-shop-submit" disabled={busy || uploading} onClick={() => void submit()}>
          {busy ? OT.open.submitting : OT.open.submit}
        </Button>
      </View>
    </View>
  );
}
