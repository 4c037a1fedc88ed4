// Product options (规格): up to 3 groups (颜色 × 尺码 × …), each value named and ordered by the owner, at
// most 100 combinations; each combination is a SKU with its own price, member price, stock and on/off.
// SKU ids are the value ids joined ('v1v4'); value ids are the server's and never reused (optionSeq), so
// a SKU keeps its id, its units and its holds across renames and reorders, and a removed value's SKU is
// either dropped (nothing ever held or sold) or kept retired — never lost with units in it.
import type { Fen } from './money';
import type { OptionValue, ProductDoc, ProductOption, ProductSku } from './model';

export const MAX_OPTION_GROUPS = 3;
export const MAX_OPTION_VALUES = 20;
export const MAX_SKUS = 100;
export const VALUE_ID_PATTERN = /^v\d{1,6}$/;

/** What the owner's editor sends: groups in order, and one SKU per combination (value indexes per group). */
export interface OptionsInput {
  groups: { name: string; values: { id: string | null; name: string; photo: string | null }[] }[];
  /** stock null: leave a stored SKU's available count as it is (a new SKU starts at 0). */
  skus: { values: number[]; price: Fen; memberPrice: Fen | null; unlimited: boolean; stock: number | null; onShelf: boolean }[];
}

type WithOptions = Pick<ProductDoc, 'options' | 'skus'>;

export function hasOptions(p: WithOptions): boolean {
  return (p.options ?? []).length > 0;
}

/** A line as people read it: the product's name, and the SKU's label when it has one — 纯棉T恤（白色 / M）. */
export function lineTitle(l: { name: string; skuLabel?: string | null }): string {
  return l.skuLabel ? `${l.name}（${l.skuLabel}）` : l.name;
}

export const skuIdOf = (valueIds: readonly string[]): string => valueIds.join('');

export function labelOf(options: readonly ProductOption[], valueIds: readonly string[]): string {
  return valueIds.map((id, g) => options[g]?.values.find((v) => v.id === id)?.name ?? '').join(' / ');
}

/** Every combination in display order (first group slowest), as value-id lists. */
export function combinations(options: readonly ProductOption[]): string[][] {
  return options.reduce<string[][]>((acc, g) => acc.flatMap((prefix) => g.values.map((v) => [...prefix, v.id])), [[]]);
}

export const combinationCount = (groups: readonly { values: readonly unknown[] }[]): number =>
  groups.length === 0 ? 0 : groups.reduce((n, g) => n * g.values.length, 1);

/** The SKUs a buyer may see, in display order (retired ones are never shown). */
export function liveSkus(p: WithOptions): { skuId: string; sku: ProductSku }[] {
  const skus = p.skus ?? {};
  return combinations(p.options ?? [])
    .map((values) => skuIdOf(values))
    .filter((id) => skus[id] && !skus[id].retired)
    .map((skuId) => ({ skuId, sku: skus[skuId] }));
}

/** Where a stock figure of a line lives: the SKU's bucket, or the product's own. */
export interface Offer {
  price: Fen;
  memberPrice: Fen | null;
  unlimited: boolean;
  stock: number;
  onShelf: boolean;
  label: string | null;
}

export type OfferProblem = 'SKU_REQUIRED' | 'SKU_NOT_FOUND' | 'OFF_SHELF';

/** The offer a cart line names: a SKU of a product with options, the product itself without. */
export function offerOf(p: ProductDoc | (WithOptions & Pick<ProductDoc, 'price' | 'memberPrice' | 'unlimited' | 'stock'>), skuId: string | null):
  { ok: true; offer: Offer } | { ok: false; problem: OfferProblem } {
  if (!hasOptions(p)) {
    if (skuId !== null) return { ok: false, problem: 'SKU_NOT_FOUND' };
    return { ok: true, offer: { price: p.price, memberPrice: p.memberPrice, unlimited: p.unlimited, stock: p.stock, onShelf: true, label: null } };
  }
  if (skuId === null) return { ok: false, problem: 'SKU_REQUIRED' };
  const sku = (p.skus ?? {})[skuId];
  if (!sku) return { ok: false, problem: 'SKU_NOT_FOUND' };
  if (sku.retired || !sku.onShelf) return { ok: false, problem: 'OFF_SHELF' };
  return { ok: true, offer: { price: sku.price, memberPrice: sku.memberPrice, unlimited: sku.unlimited, stock: sku.stock, onShelf: true, label: sku.label } };
}

/** Units left to sell across the SKUs on sale; null when one of them is unlimited. */
export function optionsStock(p: WithOptions): number | null {
  const on = liveSkus(p).filter(({ sku }) => sku.onShelf);
  if (on.some(({ sku }) => sku.unlimited)) return null;
  return on.reduce((n, { sku }) => n + sku.stock, 0);
}

/** What the storefront lists: the lowest price and member price of the SKUs on sale. */
export function lowestPrices(skus: readonly Pick<ProductSku, 'price' | 'memberPrice' | 'onShelf'>[]): { price: Fen; memberPrice: Fen | null } | null {
  const on = skus.filter((s) => s.onShelf);
  const pool = on.length > 0 ? on : skus;
  if (pool.length === 0) return null;
  const price = Math.min(...pool.map((s) => s.price)) as Fen;
  // The least a member pays for any of them: shown only when it is below the least anyone pays.
  const member = Math.min(...pool.map((s) => Math.min(s.memberPrice ?? s.price, s.price))) as Fen;
  return { price, memberPrice: member < price ? member : null };
}

/** How stored SKUs change: created whole, kept with a guarded stock increment, retired, or dropped. */
export interface OptionsPlan {
  options: ProductOption[];
  optionSeq: number;
  create: Record<string, ProductSku>;
  keep: { skuId: string; set: Partial<ProductSku>; stockDelta: number }[];
  retire: string[];
  drop: string[];
  prices: { price: Fen; memberPrice: Fen | null } | null;
}

const hasUnits = (s: ProductSku) => s.reserved > 0 || s.sold > 0 || Object.keys(s.holds ?? {}).length > 0;

/**
 * The plan for `input` (null: remove every option) on what is stored. Value ids the editor sends must
 * be ones of the same group now; new values (id null) get the next numbers.
 */
export function planOptions(p: WithOptions & Pick<ProductDoc, 'optionSeq'>, input: OptionsInput | null):
  { ok: true; plan: OptionsPlan } | { ok: false; path: string; reason: string } {
  let seq = p.optionSeq ?? 1;
  const current = p.options ?? [];
  const options: ProductOption[] = [];
  for (const [g, group] of (input?.groups ?? []).entries()) {
    const values: OptionValue[] = [];
    for (const [i, value] of group.values.entries()) {
      if (value.id !== null && !current.some((c) => c.values.some((x) => x.id === value.id))) {
        return { ok: false, path: `options.groups.${g}.values.${i}.id`, reason: 'not a value of this product' };
      }
      values.push({ id: value.id ?? `v${seq++}`, name: value.name, photo: g === 0 ? value.photo : null });
    }
    options.push({ name: group.name, values });
  }
  const stored = p.skus ?? {};
  const create: Record<string, ProductSku> = {};
  const keep: OptionsPlan['keep'] = [];
  const wanted = new Set<string>();
  for (const s of input?.skus ?? []) {
    const valueIds = s.values.map((index, g) => options[g].values[index].id);
    const skuId = skuIdOf(valueIds);
    wanted.add(skuId);
    const fields = {
      values: valueIds, label: labelOf(options, valueIds), price: s.price, memberPrice: s.memberPrice, unlimited: s.unlimited,
      onShelf: s.onShelf, retired: false,
    };
    const old = stored[skuId];
    if (old) keep.push({ skuId, set: fields, stockDelta: s.stock === null ? 0 : s.stock - old.stock });
    else create[skuId] = { ...fields, stock: s.stock ?? 0, reserved: 0, sold: 0, holds: {} };
  }
  const retire: string[] = [];
  const drop: string[] = [];
  for (const [skuId, sku] of Object.entries(stored)) {
    if (wanted.has(skuId)) continue;
    if (hasUnits(sku)) {
      if (!sku.retired || sku.onShelf) retire.push(skuId);
    } else drop.push(skuId);
  }
  const prices = lowestPrices(input?.skus ?? []);
  return { ok: true, plan: { options, optionSeq: seq, create, keep, retire, drop, prices } };
}
