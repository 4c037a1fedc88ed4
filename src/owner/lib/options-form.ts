// The options part of the product editor (core/options.ts): groups of named values the owner orders,
// every combination generated with its own price (yuan), member price, stock or unlimited, on/off. A
// combination is keyed by its values' keys, so renaming or moving a value keeps what was typed for it;
// stored values keep their ids (the server keeps their SKUs and units).
import type { OwnerProductView } from '../../../core/contracts/views';
import { LIMITS } from '../../../core/contracts/fields';
import { MAX_OPTION_GROUPS, MAX_OPTION_VALUES, MAX_SKUS, type OptionsInput } from '../../../core/options';
import type { Fen } from '../../../core/money';
import { OT } from '../text';
import { fenToYuanText, parsePrice } from './product-form';

export interface ValueForm { key: string; id: string | null; name: string; photo: string | null }
export interface GroupForm { name: string; values: ValueForm[] }
export interface SkuForm { price: string; memberPrice: string; stock: string; unlimited: boolean; onShelf: boolean }
export interface OptionsForm { groups: GroupForm[]; skus: Record<string, SkuForm> }

let counter = 0;
export const newKey = (): string => `n${(counter += 1)}`;

export const EMPTY_SKU: SkuForm = { price: '', memberPrice: '', stock: '', unlimited: false, onShelf: true };

export function optionsFromProduct(p: OwnerProductView): OptionsForm {
  const groups = p.options.map((g) => ({ name: g.name, values: g.values.map((v) => ({ key: v.id, id: v.id, name: v.name, photo: v.photo })) }));
  const skus: Record<string, SkuForm> = {};
  for (const s of p.skus.filter((x) => !x.retired)) {
    skus[s.values.join('.')] = {
      price: fenToYuanText(s.price), memberPrice: s.memberPrice === null ? '' : fenToYuanText(s.memberPrice),
      stock: String(s.stock), unlimited: s.unlimited, onShelf: s.onShelf,
    };
  }
  return { groups, skus };
}

/** Every combination as value lists (first group slowest), with its key and label. */
export function combos(groups: readonly GroupForm[]): { key: string; label: string; indexes: number[] }[] {
  if (groups.length === 0) return [];
  return groups.reduce<{ key: string[]; label: string[]; indexes: number[] }[]>(
    (acc, g) => acc.flatMap((c) => g.values.map((v, i) => ({ key: [...c.key, v.key], label: [...c.label, v.name || '?'], indexes: [...c.indexes, i] }))),
    [{ key: [], label: [], indexes: [] }],
  ).map((c) => ({ key: c.key.join('.'), label: c.label.join(' / '), indexes: c.indexes }));
}

export const comboCount = (groups: readonly GroupForm[]) => (groups.length === 0 ? 0 : groups.reduce((n, g) => n * g.values.length, 1));
export const canAddGroup = (f: OptionsForm) => f.groups.length < MAX_OPTION_GROUPS;
export const canAddValue = (f: OptionsForm, g: number) =>
  f.groups[g].values.length < MAX_OPTION_VALUES && (comboCount(f.groups) / Math.max(1, f.groups[g].values.length)) * (f.groups[g].values.length + 1) <= MAX_SKUS;

/** One price / stock typed once for every combination (the quick way). */
export function setAll(f: OptionsForm, field: 'price' | 'stock', value: string): OptionsForm {
  const skus = { ...f.skus };
  for (const c of combos(f.groups)) skus[c.key] = { ...(skus[c.key] ?? EMPTY_SKU), [field]: value };
  return { ...f, skus };
}

export type OptionsBuilt = { ok: true; input: OptionsInput; lowest: Fen } | { ok: false; error: string };

/** The editor's options as the contract's input, or the first problem in words. */
export function buildOptions(f: OptionsForm, before?: OptionsForm): OptionsBuilt {
  if (f.groups.length === 0) return { ok: false, error: OT.options.errors.noGroup };
  for (const g of f.groups) {
    const name = g.name.trim();
    if (!name || name.length > 10) return { ok: false, error: OT.options.errors.groupName };
    if (g.values.length === 0) return { ok: false, error: OT.options.errors.noValues(name) };
    const names = g.values.map((v) => v.name.trim());
    if (names.some((n) => !n || n.length > 20)) return { ok: false, error: OT.options.errors.valueName(name) };
    if (new Set(names).size !== names.length) return { ok: false, error: OT.options.errors.sameValue(name) };
  }
  if (new Set(f.groups.map((g) => g.name.trim())).size !== f.groups.length) return { ok: false, error: OT.options.errors.sameGroup };
  if (comboCount(f.groups) > MAX_SKUS) return { ok: false, error: OT.options.errors.tooMany(MAX_SKUS) };
  const skus: OptionsInput['skus'] = [];
  for (const c of combos(f.groups)) {
    const s = f.skus[c.key] ?? EMPTY_SKU;
    const price = parsePrice(s.price);
    if (!price.ok) return { ok: false, error: OT.options.errors.price(c.label) };
    let memberPrice: Fen | null = null;
    if (s.memberPrice.trim()) {
      const m = parsePrice(s.memberPrice);
      if (!m.ok || m.fen > price.fen) return { ok: false, error: OT.options.errors.memberPrice(c.label) };
      memberPrice = m.fen;
    }
    const stock = s.unlimited ? 0 : /^\d{1,7}$/.test(s.stock.trim()) ? Number(s.stock.trim()) : NaN;
    if (!(stock >= 0 && stock <= LIMITS.maxStock)) return { ok: false, error: OT.options.errors.stock(c.label) };
    // A stored SKU whose count the owner did not touch: null, so the server leaves it (units may have moved since).
    const untouched = before?.skus[c.key] !== undefined && before.skus[c.key].stock === s.stock && !s.unlimited;
    skus.push({ values: c.indexes, price: price.fen, memberPrice, unlimited: s.unlimited, stock: untouched ? null : stock, onShelf: s.onShelf });
  }
  const groups = f.groups.map((g, gi) => ({
    name: g.name.trim(), values: g.values.map((v) => ({ id: v.id, name: v.name.trim(), photo: gi === 0 ? v.photo : null })),
  }));
  const on = skus.filter((s) => s.onShelf);
  const lowest = Math.min(...(on.length > 0 ? on : skus).map((s) => s.price)) as Fen;
  return { ok: true, input: { groups, skus }, lowest };
}
