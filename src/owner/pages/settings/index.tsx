// 店铺设置 (docs/product.md §7): the shop's profile (name, logo, phone, description → updateShop) and
// its settings (goods category and payment channel — components/PayChannelSection — merchant number, delivery options and fees, acceptance mode, unpaid timeout, pay on
// pickup → updateSettings; lib/settings-form.ts turns yuan into fen exactly).
import { Button, Text, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { useState } from 'react';
import { LIMITS } from '../../../../core/contracts/fields';
import { shopFolder } from '../../../../core/contracts/storage';
import type { ShopOwnerView } from '../../../../core/contracts/views';
import { ACCEPT_MODES } from '../../../../core/model';
import { CloudImage } from '../../../components/CloudImage';
import { call, errorMessage } from '../../../services/cloud';
import { Field } from '../../components/Field';
import { OwnerGate } from '../../components/OwnerGate';
import { PayChannelSection } from '../../components/PayChannelSection';
import { cloudPayAllowed } from '../../../../core/pay-channels';
import { mayRun } from '../../../../core/roles';
import { Toggle } from '../../components/Toggle';
import { useOwnerLoad } from '../../components/useOwnerLoad';
import { checkShop } from '../../lib/shop-form';
import { buildSettings, settingsForm, type SettingsErrors, type SettingsForm } from '../../lib/settings-form';
import { chooseImages, uploadChosen } from '../../services/upload';
import { OT } from '../../text';
import './index.scss';

function SettingsEditor({ shop, onSaved }: { shop: ShopOwnerView; onSaved: (s: ShopOwnerView) => void }) {
  const [profile, setProfile] = useState({ name: shop.name, phone: shop.phone, description: shop.description, logo: shop.logo });
  const [form, setForm] = useState<SettingsForm>(() => settingsForm(shop.settings));
  const [errors, setErrors] = useState<SettingsErrors & { name?: string; phone?: string }>({});
  const [busy, setBusy] = useState(false);
  const setFee = (key: 'local' | 'express', field: 'enabled' | 'fee' | 'freeFrom' | 'note') => (value: string | boolean) =>
    setForm((f) => ({ ...f, [key]: { ...f[key], [field]: value } }));

  const changeLogo = async () => {
    const [chosen] = await chooseImages(1);
    if (!chosen) return;
    try {
      const logo = await uploadChosen(shopFolder(shop.shopId, 'logo'), chosen);
      setProfile((p) => ({ ...p, logo }));
    } catch {
      Taro.showToast({ title: OT.common.uploadFailed, icon: 'none' });
    }
  };

  const save = async () => {
    const profileErrors = checkShop(profile.name, profile.phone);
    const built = buildSettings(shop.shopId, form);
    setErrors({ ...profileErrors, ...(built.ok ? {} : built.errors) });
    if (!built.ok || Object.keys(profileErrors).length > 0 || busy) return;
    setBusy(true);
    try {
      const changed = profile.name.trim() !== shop.name || profile.phone.trim() !== shop.phone || profile.description.trim() !== shop.description || profile.logo !== shop.logo;
      if (changed) {
        await call('shopAdmin', 'updateShop', {
          shopId: shop.shopId, name: profile.name.trim(), phone: profile.phone.trim(), description: profile.description.trim(), logo: profile.logo,
        });
      }
      const saved = await call('shopAdmin', 'updateSettings', built.payload);
      Taro.showToast({ title: OT.common.saved, icon: 'success', duration: 1000 });
      onSaved(saved);
    } catch (err) {
      Taro.showToast({ title: errorMessage(err), icon: 'none' });
    } finally {
      setBusy(false);
    }
  };

  const feeBlock = (key: 'local' | 'express', title: string) => (
    <View>
      <Toggle label={title} on={form[key].enabled} onChange={setFee(key, 'enabled')} testId={`delivery-${key}`} />
      {form[key].enabled && (
        <View className="settings__indent">
          <Field label={OT.settings.fee} value={form[key].fee} onInput={setFee(key, 'fee')} type="digit" maxlength={12} error={errors[`${key}Fee`]} />
          <Field label={OT.settings.freeFrom} value={form[key].freeFrom} onInput={setFee(key, 'freeFrom')} type="digit" maxlength={12} error={errors[`${key}FreeFrom`]} />
          <Field label={OT.settings.methodNote} value={form[key].note} onInput={setFee(key, 'note')} maxlength={LIMITS.note} />
        </View>
      )}
    </View>
  );

  return (
    <View className="settings">
      <View className="section">
        <Text className="section__title">{OT.settings.profile}</Text>
        <View className="row" onClick={() => void changeLogo()}>
          <Text>{OT.open.logo}</Text>
          <CloudImage className="settings__logo" src={profile.logo} />
        </View>
        <Field label={OT.open.name} value={profile.name} onInput={(name) => setProfile((p) => ({ ...p, name }))} error={errors.name} maxlength={LIMITS.name} />
        <Field label={OT.open.phone} value={profile.phone} onInput={(phone) => setProfile((p) => ({ ...p, phone }))} error={errors.phone} type="number" maxlength={20} />
        <Field label={OT.open.description} value={profile.description} onInput={(description) => setProfile((p) => ({ ...p, description }))} multiline maxlength={200} />
      </View>
      <View className="section">
        <Text className="section__title">{OT.settings.pay}</Text>
        <PayChannelSection
          category={form.goodsCategory} channel={form.payChannel} error={errors.payChannel}
          onCategory={(goodsCategory) => setForm((f) => ({ ...f, goodsCategory, payChannel: f.payChannel === 'cloudpay' && !cloudPayAllowed(goodsCategory) ? 'v3-partner' : f.payChannel }))}
          onChannel={(payChannel) => setForm((f) => ({ ...f, payChannel }))}
        />
        <Field label={OT.settings.subMchId} value={form.subMchId} onInput={(subMchId) => setForm((f) => ({ ...f, subMchId }))} placeholder={OT.settings.subMchIdPlaceholder}
          type="number" maxlength={32} error={errors.subMchId} hint={OT.settings.subMchIdHint} testId="sub-mch-id" />
        <Toggle label={OT.settings.payOnPickup} on={form.payOnPickup} onChange={(payOnPickup) => setForm((f) => ({ ...f, payOnPickup }))} testId="pay-on-pickup" />
        <Text className="muted">{OT.settings.payOnPickupHint}</Text>
      </View>
      <View className="section">
        <Text className="section__title">{OT.settings.delivery}</Text>
        <Toggle label={OT.settings.pickup} on={form.pickup.enabled} onChange={(enabled) => setForm((f) => ({ ...f, pickup: { ...f.pickup, enabled } }))} testId="delivery-pickup" />
        {form.pickup.enabled && (
          <View className="settings__indent">
            <Field label={OT.settings.pickupAddress} value={form.pickup.address} onInput={(address) => setForm((f) => ({ ...f, pickup: { ...f.pickup, address } }))} maxlength={LIMITS.address} testId="pickup-address" />
          </View>
        )}
        {feeBlock('local', OT.settings.local)}
        {feeBlock('express', OT.settings.express)}
        {errors.delivery && <Text className="field__error">{errors.delivery}</Text>}
      </View>
      <View className="section">
        <Text className="section__title">{OT.settings.orders}</Text>
        <Text className="field__label">{OT.settings.acceptMode}</Text>
        <View>
          {ACCEPT_MODES.map((m) => (
            <Text key={m} className={`chip ${form.acceptMode === m ? 'chip--on' : ''}`} onClick={() => setForm((f) => ({ ...f, acceptMode: m }))}>{OT.settings.acceptModes[m]}</Text>
          ))}
        </View>
        <Field label={OT.settings.unpaidTimeout} value={form.unpaidTimeoutMinutes} onInput={(v) => setForm((f) => ({ ...f, unpaidTimeoutMinutes: v }))} type="number" maxlength={4} error={errors.unpaidTimeoutMinutes} />
        <Field label={OT.settings.autoComplete} value={form.autoCompleteDays} onInput={(v) => setForm((f) => ({ ...f, autoCompleteDays: v }))} type="number" maxlength={2} error={errors.autoCompleteDays} />
      </View>
      <View className="settings__save">
        <Button className="primary-button" data-testid="save-settings" disabled={busy} onClick={() => void save()}>{busy ? OT.common.saving : OT.common.save}</Button>
      </View>
    </View>
  );
}

export default function SettingsPage() {
  const { params } = useRouter();
  const shopId = params.shopId ?? '';
  const loaded = useOwnerLoad(() => call('shopAdmin', 'getShop', { shopId }));
  return (
    <OwnerGate loaded={loaded} allowed={(shop) => mayRun(shop.role, 'updateSettings')}>
      {(shop) => <SettingsEditor key={shop.shopId} shop={shop} onSaved={(s) => loaded.set(s)} />}
    </OwnerGate>
  );
}
