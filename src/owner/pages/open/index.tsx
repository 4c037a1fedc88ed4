// 开店 (docs/product.md §1): name, logo, phone and a short description → shopAdmin.createShop; the
// owner lands on the new shop's dashboard with its first steps. Identity is the caller's OPENID on the
// server: there is nothing to log in to. The chosen logo is only previewed until the shop exists: it is
// uploaded into the shop's own folder (core/contracts/storage.ts) and set with updateShop, since the
// server accepts no file from outside that folder. createShop carries a request id per attempt, kept
// across a double tap or a retry of the same form, so those open one shop (a changed form is a new one).
import { Button, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useRef, useState } from 'react';
import { LIMITS } from '../../../../core/contracts/fields';
import { shopFolder } from '../../../../core/contracts/storage';
import { CloudImage } from '../../../components/CloudImage';
import { newRequestId } from '../../../lib/request-id';
import { PrivacySheet } from '../../../privacy/PrivacySheet';
import { call, errorMessage } from '../../../services/cloud';
import { Field } from '../../components/Field';
import { checkShop, type ShopErrors } from '../../lib/shop-form';
import { chooseImages, uploadChosen, type Chosen } from '../../services/upload';
import { OT } from '../../text';
import '../../components/owner.scss';
import './index.scss';

export default function OpenShopPage() {
  const [name, setName] = useState('');
  const [phone, setPhone] = useState('');
  const [description, setDescription] = useState('');
  const [logo, setLogo] = useState<Chosen | null>(null);
  const [busy, setBusy] = useState(false);
  const [errors, setErrors] = useState<ShopErrors>({});
  const request = useRef<{ fingerprint: string; id: string } | null>(null);

  const chooseLogo = async () => {
    const [chosen] = await chooseImages(1);
    if (chosen) setLogo(chosen);
  };

  /** The logo into the new shop's folder; a failure leaves the shop without one (settings can add it). */
  const uploadLogo = async (shopId: string, chosen: Chosen) => {
    try {
      const fileID = await uploadChosen(shopFolder(shopId, 'logo'), chosen);
      await call('shopAdmin', 'updateShop', { shopId, logo: fileID });
    } catch {
      Taro.showToast({ title: OT.common.uploadFailed, icon: 'none' });
    }
  };

  const submit = async () => {
    const found = checkShop(name, phone);
    setErrors(found);
    if (Object.keys(found).length > 0 || busy) return;
    setBusy(true);
    const payload = { name: name.trim(), phone: phone.trim(), description: description.trim() };
    const fingerprint = JSON.stringify(payload);
    if (request.current?.fingerprint !== fingerprint) request.current = { fingerprint, id: newRequestId() };
    try {
      const shop = await call('shopAdmin', 'createShop', { ...payload, requestId: request.current.id });
      if (logo) await uploadLogo(shop.shopId, logo);
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
            {logo ? <CloudImage className="open-shop__logo-img" src={logo.path} /> : <Text className="open-shop__logo-plus">+</Text>}
          </View>
          <View className="open-shop__logo-text">
            <Text>{OT.open.logo}</Text>
            <Text className="muted" data-testid="logo-state">{logo ? OT.open.changeLogo : OT.open.chooseLogo}</Text>
          </View>
        </View>
        <Field label={OT.open.name} value={name} onInput={(v) => { setName(v); setErrors((e) => ({ ...e, name: undefined })); }} placeholder={OT.open.namePlaceholder} error={errors.name} maxlength={LIMITS.name} testId="shop-name-input" />
        <Field label={OT.open.phone} value={phone} onInput={(v) => { setPhone(v); setErrors((e) => ({ ...e, phone: undefined })); }} placeholder={OT.open.phonePlaceholder} error={errors.phone} type="number" maxlength={20} testId="shop-phone-input" />
        <Field label={OT.open.description} value={description} onInput={setDescription} placeholder={OT.open.descriptionPlaceholder} multiline maxlength={200} testId="shop-description-input" />
      </View>
      <View className="open-shop__submit">
        <Button className="primary-button" data-testid="open-shop-submit" disabled={busy} onClick={() => void submit()}>
          {busy ? OT.open.submitting : OT.open.submit}
        </Button>
      </View>
    </View>
  );
}
