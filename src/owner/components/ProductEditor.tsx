// The product editor (docs/product.md §2): photos, name, price and member price typed in yuan and
// stored in fen exactly (lib/product-form.ts → core/money yuanToFen), stock or unlimited, category,
// members-only, and the fields of each kind — membership plan (tag + days, or lifetime) and digital file
// (uploaded, with a download limit). Invalid input is refused field by field before anything is sent.
import { Button, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useState } from 'react';
import { LIMITS } from '../../../core/contracts/fields';
import { shopFolder } from '../../../core/contracts/storage';
import type { CategoryView, OwnerProductView } from '../../../core/contracts/views';
import { PRODUCT_KINDS, type ProductKind } from '../../../core/model';
import { call, errorMessage } from '../../services/cloud';
import { buildCreate, buildPatch, emptyForm, fenEcho, formFromProduct, type FormErrors, type ProductForm } from '../lib/product-form';
import { buildOptions, optionsFromProduct, type OptionsForm } from '../lib/options-form';
import { OptionsEditor } from './OptionsEditor';
import { chooseDocument, uploadChosen } from '../services/upload';
import { OT } from '../text';
import { Field } from './Field';
import { PhotoEditor } from './PhotoEditor';
import { Toggle } from './Toggle';

interface Props {
  shopId: string;
  /** Absent: a new product. */
  product?: OwnerProductView;
  categories: CategoryView[];
  initialCategoryId?: string | null;
  initialKind?: ProductKind;
  onSaved: (product: OwnerProductView | null) => void;
}

export function ProductEditor({ shopId, product, categories, initialCategoryId = null, initialKind = 'physical', onSaved }: Props) {
  const [form, setForm] = useState<ProductForm>(() => (product ? formFromProduct(product) : emptyForm(initialKind, initialCategoryId)));
  const [errors, setErrors] = useState<FormErrors>({});
  const [photosBusy, setPhotosBusy] = useState(false);
  const [fileBusy, setFileBusy] = useState(false);
  const [saving, setSaving] = useState(false);
  // Options: on when the product has them; the form keeps what was typed when switched off and on again.
  const [optionsOn, setOptionsOn] = useState(() => (product?.options.length ?? 0) > 0);
  const [options, setOptions] = useState<OptionsForm>(() => (product ? optionsFromProduct(product) : { groups: [], skus: {} }));
  const [optionsError, setOptionsError] = useState<string | undefined>();
  const withOptions = optionsOn && form.kind === 'physical';
  const edit = <K extends keyof ProductForm>(key: K) => (value: ProductForm[K]) => setForm((f) => ({ ...f, [key]: value }));

  const chooseKind = (kind: ProductKind) => {
    if (product) return;
    setForm((f) => ({ ...f, kind, unlimited: kind === 'physical' ? f.unlimited : true }));
  };

  const chooseFile = async () => {
    const chosen = await chooseDocument();
    if (!chosen) return;
    setFileBusy(true);
    try {
      // Digital goods only under files/: storage never serves that folder to clients (storage.ts).
      const fileID = await uploadChosen(shopFolder(shopId, 'files'), chosen, 'pdf');
      setForm((f) => ({ ...f, fileID, fileName: chosen.name.replace(/^.*[\\/]/, '').slice(0, LIMITS.fileName) }));
    } catch {
      Taro.showToast({ title: OT.common.uploadFailed, icon: 'none' });
    } finally {
      setFileBusy(false);
    }
  };

  const refuse = (found: FormErrors) => {
    setErrors(found);
    Taro.showToast({ title: OT.editor.errors.form, icon: 'none' });
  };

  /** The options to send: the input, null to remove them, undefined to leave them; 'refused' when they do not check. */
  const optionsToSend = () => {
    const had = (product?.options.length ?? 0) > 0;
    if (!optionsOn || form.kind !== 'physical') return had ? { input: null, lowest: undefined } : undefined;
    const built = buildOptions(options, product ? optionsFromProduct(product) : undefined);
    setOptionsError(built.ok ? undefined : built.error);
    return built.ok ? { input: built.input, lowest: built.lowest } : 'refused';
  };

  const send = async (): Promise<OwnerProductView | null | 'refused'> => {
    const opts = optionsToSend();
    if (opts === 'refused') {
      Taro.showToast({ title: optionsError ?? OT.editor.errors.form, icon: 'none' });
      return 'refused';
    }
    if (!product) {
      const built = buildCreate(shopId, form, opts?.input ? { options: opts.input, lowest: opts.lowest! } : undefined);
      if (!built.ok) {
        refuse(built.errors);
        return 'refused';
      }
      setErrors({});
      return call('shopAdmin', 'createProduct', built.payload);
    }
    const built = buildPatch(shopId, product.productId, product, form, opts ? { options: opts.input, lowest: opts.lowest } : undefined);
    if (!built.ok) {
      refuse(built.errors);
      return 'refused';
    }
    setErrors({});
    if (Object.keys(built.payload).length === 0) return product;
    return call('shopAdmin', 'updateProduct', { shopId, productId: product.productId, patch: built.payload });
  };

  const save = async () => {
    if (saving) return;
    if (photosBusy || fileBusy) {
      Taro.showToast({ title: OT.editor.errors.photos, icon: 'none' });
      return;
    }
    setSaving(true);
    try {
      const saved = await send();
      if (saved === 'refused') return;
      Taro.showToast({ title: product ? OT.editor.saved : OT.editor.created, icon: 'success', duration: 800 });
      onSaved(saved);
    } catch (err) {
      Taro.showToast({ title: errorMessage(err), icon: 'none' });
    } finally {
      setSaving(false);
    }
  };

  const remove = async () => {
    if (!product) return;
    const { confirm } = await Taro.showModal({ title: '', content: OT.editor.deleteConfirm, confirmColor: '#e64340' });
    if (!confirm) return;
    try {
      await call('shopAdmin', 'deleteProduct', { shopId, productId: product.productId });
      Taro.showToast({ title: OT.editor.deleted, icon: 'none' });
      onSaved(null);
    } catch (err) {
      Taro.showToast({ title: errorMessage(err), icon: 'none' });
    }
  };

  return (
    <View className="product-editor">
      <View className="section">
        <Text className="section__title">{OT.editor.kind}</Text>
        <View>
          {PRODUCT_KINDS.map((k) => (
            <Text key={k} className={`chip ${form.kind === k ? 'chip--on' : ''}`} data-testid={`kind-${k}`} onClick={() => chooseKind(k)}>{OT.editor.kinds[k]}</Text>
          ))}
        </View>
        {product && <Text className="muted">{OT.editor.kindFixed}</Text>}
      </View>
      <View className="section">
        <Text className="section__title">{OT.editor.photos}</Text>
        <PhotoEditor photos={form.photos} max={LIMITS.photos} folder={shopFolder(shopId, 'products')} onChange={edit('photos')} onBusy={setPhotosBusy} />
        <Text className="muted">{OT.editor.photosHint(LIMITS.photos)}</Text>
      </View>
      <View className="section">
        <Field label={OT.editor.name} value={form.name} onInput={edit('name')} placeholder={OT.editor.namePlaceholder} error={errors.name} maxlength={LIMITS.name} testId="product-name" />
        {!withOptions && <Field label={OT.editor.price} value={form.price} onInput={edit('price')} placeholder={OT.editor.pricePlaceholder} error={errors.price}
          type="digit" maxlength={12} hint={fenEcho(form.price)} testId="product-price" />}
        {!withOptions && <Field label={OT.editor.memberPrice} value={form.memberPrice} onInput={edit('memberPrice')} placeholder={OT.editor.memberPricePlaceholder}
          error={errors.memberPrice} type="digit" maxlength={12} hint={form.memberPrice ? fenEcho(form.memberPrice) : null} testId="product-member-price" />}
        {(form.memberPrice.trim() !== '' || form.membersOnly || withOptions) && (
          <Field label={OT.editor.memberTag} value={form.memberTag} onInput={edit('memberTag')} placeholder={OT.editor.memberTagPlaceholder} error={errors.memberTag} maxlength={20} testId="product-member-tag" />
        )}
        <Toggle label={OT.editor.membersOnly} on={form.membersOnly} onChange={edit('membersOnly')} testId="product-members-only" />
        <Field label={OT.editor.description} value={form.description} onInput={edit('description')} placeholder={OT.editor.descriptionPlaceholder}
          error={errors.description} multiline maxlength={LIMITS.description} testId="product-description" />
      </View>
      {form.kind === 'membership' && (
        <View className="section" data-testid="membership-fields">
          <Field label={OT.editor.planTag} value={form.planTag} onInput={edit('planTag')} placeholder={OT.editor.planTagPlaceholder} error={errors.planTag} maxlength={20} testId="plan-tag" />
          <Toggle label={OT.editor.lifetime} on={form.lifetime} onChange={edit('lifetime')} testId="plan-lifetime" />
          {!form.lifetime && (
            <Field label={OT.editor.planDays} value={form.planDays} onInput={edit('planDays')} placeholder={OT.editor.planDaysPlaceholder} error={errors.planDays} type="number" maxlength={4} testId="plan-days" />
          )}
        </View>
      )}
      {form.kind === 'digital' && (
        <View className="section" data-testid="digital-fields">
          <View className={`field ${errors.fileID ? 'field--error' : ''}`}>
            <Text className="field__label">{OT.editor.file}</Text>
            <View className="row">
              <Text className="product-editor__file" data-testid="file-name">{fileBusy ? OT.common.uploading : form.fileName || '—'}</Text>
              <Button className="secondary-button" size="mini" data-testid="choose-file" onClick={() => void chooseFile()}>
                {form.fileID ? OT.editor.replaceFile : OT.editor.chooseFile}
              </Button>
            </View>
            {product?.digital && <Text className="muted">{OT.editor.fileReplacedHint}</Text>}
            {errors.fileID && <Text className="field__error">{errors.fileID}</Text>}
          </View>
          <Field label={OT.editor.downloadLimit} value={form.downloadLimit} onInput={edit('downloadLimit')} error={errors.downloadLimit} type="number" maxlength={3} testId="download-limit" />
        </View>
      )}
      <View className="section" data-testid="options-section">
        <Text className="section__title">{OT.options.title}</Text>
        {form.kind !== 'physical' ? (
          <Text className="muted" data-testid="options-virtual">{OT.options.virtualNone}</Text>
        ) : (
          <>
            <Toggle label={OT.options.enable} on={optionsOn} onChange={setOptionsOn} testId="options-toggle" />
            {optionsOn && (
              <OptionsEditor shopId={shopId} value={options} onChange={setOptions} error={optionsError}
                retired={(product?.skus ?? []).filter((s) => s.retired)} />
            )}
          </>
        )}
      </View>
      <View className="section">
        {!withOptions && <Toggle label={OT.editor.unlimited} on={form.unlimited} onChange={edit('unlimited')} testId="product-unlimited" />}
        {!withOptions && !form.unlimited && (
          <Field label={OT.editor.stock} value={form.stock} onInput={edit('stock')} placeholder={OT.editor.stockPlaceholder} error={errors.stock} type="number" maxlength={7} testId="product-stock" />
        )}
        <Text className="field__label product-editor__label">{OT.editor.category}</Text>
        <View>
          <Text className={`chip ${form.categoryId === null ? 'chip--on' : ''}`} onClick={() => edit('categoryId')(null)}>{OT.editor.noCategory}</Text>
          {categories.map((c) => (
            <Text key={c.categoryId} className={`chip ${form.categoryId === c.categoryId ? 'chip--on' : ''}`} data-testid="category-chip"
              onClick={() => edit('categoryId')(c.categoryId)}>{c.name}</Text>
          ))}
        </View>
        <Toggle label={OT.editor.onShelf} on={form.onShelf} onChange={edit('onShelf')} testId="product-on-shelf" />
      </View>
      <View className="product-editor__buttons">
        <Button className="primary-button" data-testid="save-product" disabled={saving} onClick={() => void save()}>
          {saving ? OT.common.saving : product ? OT.editor.save : OT.editor.create}
        </Button>
        {product && <Button className="secondary-button product-editor__delete" data-testid="delete-product" onClick={() => void remove()}>{OT.editor.delete}</Button>}
      </View>
    </View>
  );
}
