// The options of a physical product: groups of values (named, ordered, added and removed), every
// combination generated with its price, member price, stock (or unlimited) and on/off, a quick way to
// set one price or stock for all, and a photo per value of the first group. Retired SKUs (a removed
// value that still holds or sold units) are listed apart: the server keeps them, off, for their units.
import { Input, Text, View } from '@tarojs/components';
import { useState } from 'react';
import { shopFolder } from '../../../core/contracts/storage';
import type { OwnerSkuView } from '../../../core/contracts/views';
import { moveEarlier } from '../lib/list';
import { canAddGroup, canAddValue, combos, EMPTY_SKU, newKey, setAll, type OptionsForm, type SkuForm } from '../lib/options-form';
import { OT } from '../text';
import { Field } from './Field';
import { PhotoEditor } from './PhotoEditor';
import { Toggle } from './Toggle';

interface Props {
  shopId: string;
  value: OptionsForm;
  onChange: (next: OptionsForm) => void;
  retired: OwnerSkuView[];
  error?: string;
}

export function OptionsEditor({ shopId, value, onChange, retired, error }: Props) {
  const [draft, setDraft] = useState<string[]>([]);
  const [bulk, setBulk] = useState({ price: '', stock: '' });
  const groups = value.groups;
  const setGroups = (next: OptionsForm['groups']) => onChange({ ...value, groups: next });
  const editGroup = (g: number, patch: Partial<OptionsForm['groups'][number]>) => setGroups(groups.map((x, i) => (i === g ? { ...x, ...patch } : x)));
  const addValue = (g: number) => {
    const name = (draft[g] ?? '').trim();
    if (!name || !canAddValue(value, g)) return;
    editGroup(g, { values: [...groups[g].values, { key: newKey(), id: null, name, photo: null }] });
    setDraft(draft.map((d, i) => (i === g ? '' : d)));
  };
  const editSku = (key: string, patch: Partial<SkuForm>) => onChange({ ...value, skus: { ...value.skus, [key]: { ...(value.skus[key] ?? EMPTY_SKU), ...patch } } });
  const list = combos(groups);

  return (
    <View data-testid="options-editor">
      <Text className="muted">{OT.options.hint}</Text>
      {groups.map((group, g) => (
        <View key={g} className="options__group">
          <Field label={`${OT.options.groupName} ${g + 1}`} value={group.name} onInput={(name) => editGroup(g, { name })} placeholder={OT.options.groupPlaceholder}
            maxlength={10} testId={`option-group-${g}`} />
          <View>
            {group.values.map((v, i) => (
              <View key={v.key} className="options__value">
                <Input className="options__value-input" value={v.name} maxlength={20} data-testid={`option-value-${g}-${i}`}
                  onInput={(e) => editGroup(g, { values: group.values.map((x) => (x.key === v.key ? { ...x, name: e.detail.value } : x)) })} />
                {i > 0 && <Text className="options__tap" onClick={() => editGroup(g, { values: moveEarlier(group.values, i) })}>‹</Text>}
                <Text className="options__tap" data-testid="option-value-remove" onClick={() => editGroup(g, { values: group.values.filter((x) => x.key !== v.key) })}>✕</Text>
                {g === 0 && (
                  <PhotoEditor photos={v.photo ? [v.photo] : []} max={1} folder={shopFolder(shopId, 'products')}
                    onChange={(photos) => editGroup(0, { values: group.values.map((x) => (x.key === v.key ? { ...x, photo: photos[0] ?? null } : x)) })} />
                )}
              </View>
            ))}
          </View>
          <View className="row">
            <Input className="options__new" value={draft[g] ?? ''} placeholder={OT.options.valuePlaceholder} maxlength={20} data-testid={`option-new-${g}`}
              onInput={(e) => setDraft(Object.assign([...draft], { [g]: e.detail.value }))} onConfirm={() => addValue(g)} />
            <Text className="options__tap options__add" data-testid={`option-add-${g}`} onClick={() => addValue(g)}>{OT.options.addValue}</Text>
            <Text className="options__tap" onClick={() => setGroups(groups.filter((_, i) => i !== g))}>{OT.options.removeGroup}</Text>
          </View>
        </View>
      ))}
      {canAddGroup(value) && (
        <Text className="options__tap options__add" data-testid="option-add-group" onClick={() => setGroups([...groups, { name: '', values: [] }])}>{OT.options.addGroup}</Text>
      )}
      {groups.length > 0 && <Text className="muted options__hint">{OT.options.photoHint}</Text>}
      {list.length > 0 && (
        <View className="options__skus">
          <Text className="section__title">{OT.options.combos(list.length)}</Text>
          <View className="row">
            <Input className="options__bulk" type="digit" value={bulk.price} placeholder={OT.options.bulkPrice} data-testid="bulk-price"
              onInput={(e) => setBulk({ ...bulk, price: e.detail.value })} />
            <Input className="options__bulk" type="number" value={bulk.stock} placeholder={OT.options.bulkStock} data-testid="bulk-stock"
              onInput={(e) => setBulk({ ...bulk, stock: e.detail.value })} />
            <Text className="options__tap options__add" data-testid="bulk-apply" onClick={() => {
              let next = value;
              if (bulk.price.trim()) next = setAll(next, 'price', bulk.price.trim());
              if (bulk.stock.trim()) next = setAll(next, 'stock', bulk.stock.trim());
              onChange(next);
            }}>{OT.options.apply}</Text>
          </View>
          <View className="options__sku options__head">
            <Text className="options__cell-head">{OT.options.price}</Text>
            <Text className="options__cell-head">{OT.options.memberPrice}</Text>
            <Text className="options__cell-head">{OT.options.stock}</Text>
          </View>
          {list.map((c) => {
            const s = value.skus[c.key] ?? EMPTY_SKU;
            return (
              <View key={c.key} className="options__sku" data-testid="sku-row">
                <Text className="options__label">{c.label}</Text>
                <Input className="options__cell" type="digit" value={s.price} placeholder={OT.options.price} onInput={(e) => editSku(c.key, { price: e.detail.value })} />
                <Input className="options__cell" type="digit" value={s.memberPrice} placeholder={OT.options.memberPrice} onInput={(e) => editSku(c.key, { memberPrice: e.detail.value })} />
                {!s.unlimited && <Input className="options__cell" type="number" value={s.stock} placeholder={OT.options.stock} onInput={(e) => editSku(c.key, { stock: e.detail.value })} />}
                <Toggle label={OT.options.unlimited} on={s.unlimited} onChange={(unlimited) => editSku(c.key, { unlimited })} />
                <Toggle label={OT.options.onShelf} on={s.onShelf} onChange={(onShelf) => editSku(c.key, { onShelf })} />
              </View>
            );
          })}
        </View>
      )}
      {retired.map((s) => <Text key={s.skuId} className="muted options__retired">{OT.options.retired(s.label, s.reserved + s.sold)}</Text>)}
      {error && <Text className="field__error" data-testid="options-error">{error}</Text>}
    </View>
  );
}
