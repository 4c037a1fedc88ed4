// 商品分类: add, rename, reorder and delete categories (shopAdmin createCategory / updateCategory /
// reorder / deleteCategory). Deleting asks first; the products of a deleted category stay, uncategorised.
import { Button, Input, Text, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { useState } from 'react';
import { LIMITS } from '../../../../core/contracts/fields';
import type { CategoryView } from '../../../../core/contracts/views';
import { PageState } from '../../../components/PageState';
import { call, errorMessage } from '../../../services/cloud';
import { OwnerGate } from '../../components/OwnerGate';
import { useOwnerLoad } from '../../components/useOwnerLoad';
import { swap } from '../../lib/list';
import { OT } from '../../text';
import './index.scss';

const validName = (name: string) => name.trim().length > 0 && name.trim().length <= LIMITS.name;

export default function CategoriesPage() {
  const { params } = useRouter();
  const shopId = params.shopId ?? '';
  const [draft, setDraft] = useState('');
  const [renaming, setRenaming] = useState<{ id: string; name: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const loaded = useOwnerLoad(() => call('shopAdmin', 'listCategories', { shopId }));

  const run = async (fn: () => Promise<unknown>) => {
    if (busy) return;
    setBusy(true);
    try {
      await fn();
      await loaded.reload();
    } catch (err) {
      Taro.showToast({ title: errorMessage(err), icon: 'none' });
    } finally {
      setBusy(false);
    }
  };

  const add = (list: CategoryView[]) => {
    if (!validName(draft)) return void Taro.showToast({ title: OT.categories.nameRequired, icon: 'none' });
    const sort = list.length === 0 ? 0 : Math.max(...list.map((c) => c.sort)) + 1;
    void run(async () => {
      await call('shopAdmin', 'createCategory', { shopId, name: draft.trim(), sort });
      setDraft('');
    });
  };
  const rename = () => {
    if (!renaming) return;
    if (!validName(renaming.name)) return void Taro.showToast({ title: OT.categories.nameRequired, icon: 'none' });
    void run(async () => {
      await call('shopAdmin', 'updateCategory', { shopId, categoryId: renaming.id, name: renaming.name.trim() });
      setRenaming(null);
    });
  };
  const remove = async (c: CategoryView) => {
    const { confirm } = await Taro.showModal({ title: '', content: OT.categories.deleteConfirm(c.name), confirmColor: '#e64340' });
    if (confirm) void run(() => call('shopAdmin', 'deleteCategory', { shopId, categoryId: c.categoryId }));
  };
  const move = (list: CategoryView[], i: number, by: -1 | 1) =>
    void run(() => call('shopAdmin', 'reorder', { shopId, target: 'categories', ids: swap(list, i, i + by).map((c) => c.categoryId) }));

  return (
    <OwnerGate loaded={loaded}>
      {(list) => (
        <View className="categories">
          <View className="section categories__add">
            <Input className="categories__input" value={draft} placeholder={OT.categories.namePlaceholder} maxlength={LIMITS.name}
              data-testid="category-name" onInput={(e) => setDraft(e.detail.value)} />
            <Button className="primary-button" size="mini" data-testid="add-category" disabled={busy} onClick={() => add(list)}>{OT.categories.add}</Button>
          </View>
          {list.length === 0 ? (
            <PageState kind="empty" message={OT.categories.empty} />
          ) : (
            <View className="section">
              {list.map((c, i) => (
                <View key={c.categoryId} className="categories__row" data-testid="category-row">
                  {renaming?.id === c.categoryId ? (
                    <Input className="categories__input" value={renaming.name} maxlength={LIMITS.name} focus onInput={(e) => setRenaming({ id: c.categoryId, name: e.detail.value })} />
                  ) : (
                    <Text className="categories__name">{c.name}</Text>
                  )}
                  <View className="categories__tools">
                    {renaming?.id === c.categoryId ? (
                      <Text className="categories__tool categories__tool--primary" onClick={rename}>{OT.common.save}</Text>
                    ) : (
                      <Text className="categories__tool" onClick={() => setRenaming({ id: c.categoryId, name: c.name })}>{OT.categories.rename}</Text>
                    )}
                    <Text className={`categories__tool ${i === 0 ? 'categories__tool--off' : ''}`} onClick={() => i > 0 && move(list, i, -1)}>↑</Text>
                    <Text className={`categories__tool ${i === list.length - 1 ? 'categories__tool--off' : ''}`} onClick={() => i < list.length - 1 && move(list, i, 1)}>↓</Text>
                    <Text className="categories__tool categories__tool--danger" onClick={() => void remove(c)}>{OT.common.delete}</Text>
                  </View>
                </View>
              ))}
            </View>
          )}
        </View>
      )}
    </OwnerGate>
  );
}
