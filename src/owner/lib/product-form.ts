// The product editor's form: what the owner types (strings, yuan) ↔ what shopAdmin stores (fen, ints).
// Money goes through core/money yuanToFen only — no floats, "12.345" refused rather than rounded — so
// the fen the server stores is exactly what the owner typed (docs/product.md §B1).
// After the friendly per-field checks, the payload is checked against the contract itself
// (core/contracts/shop-admin-catalogue.ts), so the editor never sends what the server would refuse.
import * as v from 'valibot';
import { MAX_DOWNLOAD_LIMIT } from '../../../core/checkout';
import { LIMITS, TAG_PATTERN } from '../../../core/contracts/fields';
import type { RequestPayload } from '../../../core/contracts/registry';
import { catalogueActions } from '../../../core/contracts/shop-admin-catalogue';
import type { OwnerProductView } from '../../../core/contracts/views';
import { MAX_GRANT_DAYS } from '../../../core/membership';
import { formatYuan, MAX_PRICE_FEN, yuanToFen, type Fen } from '../../../core/money';
import type { ProductKind } from '../../../core/model';
import type { OptionsInput } from '../../../core/options';
import { OT } from '../text';

export interface ProductForm {
  kind: ProductKind;
  name: string;
  description: string;
  photos: string[];
  price: string;
  memberPrice: string;
  memberTag: string;
  membersOnly: boolean;
  unlimited: boolean;
  stock: string;
  onShelf: boolean;
  categoryId: string | null;
  planTag: string;
  planDays: string;
  lifetime: boolean;
  fileID: string;
  fileName: string;
  downloadLimit: string;
}

export type FormErrors = Partial<Record<keyof ProductForm, string>>;

export type CreatePayload = RequestPayload<'shopAdmin', 'createProduct'>;
export type ProductPatch = RequestPayload<'shopAdmin', 'updateProduct'>['patch'];

/** 1250 → "12.50": the exact inverse of yuanToFen for what the editor shows. */
export function fenToYuanText(amount: Fen): string {
  return formatYuan(amount).slice(1);
}

export function emptyForm(kind: ProductKind = 'physical', categoryId: string | null = null): ProductForm {
  return {
    kind, name: '', description: '', photos: [], price: '', memberPrice: '', memberTag: '', membersOnly: false,
    unlimited: kind !== 'physical', stock: '', onShelf: true, categoryId,
    planTag: '', planDays: '30', lifetime: false, fileID: '', fileName: '', downloadLimit: '5',
  };
}

export function formFromProduct(p: OwnerProductView): ProductForm {
  return {
    kind: p.kind, name: p.name, description: p.description, photos: [...p.photos], price: fenToYuanText(p.price),
    memberPrice: p.memberPrice === null ? '' : fenToYuanText(p.memberPrice), memberTag: p.memberTag ?? '',
    membersOnly: p.membersOnly, unlimited: p.unlimited, stock: String(p.stock), onShelf: p.onShelf, categoryId: p.categoryId,
    planTag: p.membership?.tag ?? '', planDays: p.membership && !p.membership.lifetime ? String(p.membership.days) : '30',
    lifetime: p.membership?.lifetime ?? false, fileID: p.digital?.fileID ?? '', fileName: p.digital?.fileName ?? '',
    downloadLimit: String(p.digital?.downloadLimit ?? 5),
  };
}

/** Whole numbers typed by a person: digits only (no sign, no decimals, no exponent). */
function wholeNumber(text: string, min: number, max: number): number | null {
  const t = text.trim();
  if (!/^\d{1,9}$/.test(t)) return null;
  const n = Number(t);
  return n >= min && n <= max ? n : null;
}

/** A price in yuan → fen, or the message to show under the field. */
export function parsePrice(text: string): { ok: true; fen: Fen } | { ok: false; message: string } {
  const parsed = yuanToFen(text.trim());
  if (!parsed.ok) return { ok: false, message: OT.editor.errors.price };
  if (parsed.data < 1) return { ok: false, message: OT.editor.errors.priceZero };
  if (parsed.data > MAX_PRICE_FEN) return { ok: false, message: OT.editor.errors.priceMax };
  return { ok: true, fen: parsed.data };
}

interface Checked {
  errors: FormErrors;
  price?: Fen;
  memberPrice?: Fen | null;
  stock?: number;
  days?: number;
  downloadLimit?: number;
}

/** Options built by lib/options-form.ts: with them the SKUs carry price and stock, the product is listed at the lowest. */
export interface WithOptions {
  options: OptionsInput | null;
  lowest?: Fen;
}

function check(form: ProductForm, opts?: WithOptions): Checked {
  const errors: FormErrors = {};
  const out: Checked = { errors };
  const name = form.name.trim();
  if (name.length < 1 || name.length > LIMITS.name) errors.name = OT.editor.errors.name;
  if (form.description.trim().length > LIMITS.description) errors.description = OT.editor.errors.description;
  if (opts?.options && opts.lowest !== undefined) {
    out.price = opts.lowest;
    out.memberPrice = null;
    out.stock = 0;
    if (form.memberTag.trim() !== '' && !TAG_PATTERN.test(form.memberTag.trim())) errors.memberTag = OT.editor.errors.memberTag;
    return out;
  }
  const price = parsePrice(form.price);
  if (price.ok) out.price = price.fen;
  else errors.price = price.message;
  if (form.memberPrice.trim() === '') out.memberPrice = null;
  else {
    const member = parsePrice(form.memberPrice);
    if (!member.ok) errors.memberPrice = OT.editor.errors.memberPrice;
    else if (out.price !== undefined && member.fen > out.price) errors.memberPrice = OT.editor.errors.memberPriceAbove;
    else out.memberPrice = member.fen;
  }
  if (form.memberTag.trim() !== '' && !TAG_PATTERN.test(form.memberTag.trim())) errors.memberTag = OT.editor.errors.memberTag;
  if (!form.unlimited) {
    const stock = wholeNumber(form.stock, 0, LIMITS.maxStock);
    if (stock === null) errors.stock = OT.editor.errors.stock;
    else out.stock = stock;
  }
  if (form.kind === 'membership') {
    if (!TAG_PATTERN.test(form.planTag.trim())) errors.planTag = OT.editor.errors.planTag;
    if (!form.lifetime) {
      const days = wholeNumber(form.planDays, 1, MAX_GRANT_DAYS);
      if (days === null) errors.planDays = OT.editor.errors.planDays(MAX_GRANT_DAYS);
      else out.days = days;
    }
  }
  if (form.kind === 'digital') {
    if (!form.fileID) errors.fileID = OT.editor.errors.file;
    const limit = wholeNumber(form.downloadLimit, 1, MAX_DOWNLOAD_LIMIT);
    if (limit === null) errors.downloadLimit = OT.editor.errors.downloadLimit(MAX_DOWNLOAD_LIMIT);
    else out.downloadLimit = limit;
  }
  return out;
}

function kindFields(form: ProductForm, c: Checked) {
  const membership = form.kind === 'membership'
    ? (form.lifetime
      ? { tag: form.planTag.trim(), lifetime: true as const, days: null }
      : { tag: form.planTag.trim(), lifetime: false as const, days: c.days as number })
    : undefined;
  const digital = form.kind === 'digital'
    ? { fileID: form.fileID, fileName: form.fileName.trim() || 'file', downloadLimit: c.downloadLimit as number }
    : undefined;
  return { membership, digital };
}

export type Built<T> = { ok: true; payload: T } | { ok: false; errors: FormErrors };

/** Everything the owner typed, checked, as a createProduct payload. */
export function buildCreate(shopId: string, form: ProductForm, opts?: WithOptions): Built<CreatePayload> {
  const c = check(form, opts);
  if (Object.keys(c.errors).length > 0) return { ok: false, errors: c.errors };
  const common = {
    shopId,
    name: form.name.trim(),
    description: form.description.trim(),
    photos: form.photos,
    price: c.price as Fen,
    memberPrice: c.memberPrice ?? null,
    memberTag: form.memberTag.trim() || null,
    membersOnly: form.membersOnly,
    unlimited: opts?.options ? false : form.unlimited,
    stock: form.unlimited || opts?.options ? 0 : (c.stock as number),
    onShelf: form.onShelf,
    categoryId: form.categoryId,
  };
  const { membership, digital } = kindFields(form, c);
  const payload: CreatePayload = form.kind === 'membership'
    ? { ...common, kind: 'membership', membership: membership! }
    : form.kind === 'digital'
      ? { ...common, kind: 'digital', digital: digital! }
      : { ...common, kind: 'physical', options: opts?.options ?? null };
  return v.safeParse(catalogueActions.createProduct, payload).success ? { ok: true, payload } : { ok: false, errors: { name: OT.editor.errors.form } };
}

/**
 * Only what changed since `before`, as an updateProduct patch (an empty patch means nothing to save).
 * Stock is sent as the units available now; the server applies the difference to what it reads.
 */
export function buildPatch(shopId: string, productId: string, before: OwnerProductView, form: ProductForm, opts?: WithOptions): Built<ProductPatch> {
  const c = check(form, opts);
  if (Object.keys(c.errors).length > 0) return { ok: false, errors: c.errors };
  const patch: Record<string, unknown> = {};
  const set = (key: string, next: unknown, prev: unknown) => {
    if (JSON.stringify(next) !== JSON.stringify(prev)) patch[key] = next;
  };
  set('name', form.name.trim(), before.name);
  set('description', form.description.trim(), before.description);
  set('photos', form.photos, before.photos);
  if (opts?.options) {
    // The SKUs carry price and stock; the server lists the product at the lowest price.
    set('options', opts.options, null);
  } else {
    if (opts && opts.options === null) patch.options = null;
    set('price', c.price, before.price);
    set('memberPrice', c.memberPrice ?? null, before.memberPrice);
    set('unlimited', form.unlimited, before.unlimited);
    if (!form.unlimited) set('stock', c.stock, before.stock);
  }
  set('memberTag', form.memberTag.trim() || null, before.memberTag);
  set('membersOnly', form.membersOnly, before.membersOnly);
  set('onShelf', form.onShelf, before.onShelf);
  set('categoryId', form.categoryId, before.categoryId);
  const { membership, digital } = kindFields(form, c);
  if (membership) set('membership', membership, before.membership);
  if (digital) {
    const prev = before.digital ? { fileID: before.digital.fileID, fileName: before.digital.fileName, downloadLimit: before.digital.downloadLimit } : null;
    set('digital', digital, prev);
  }
  if (Object.keys(patch).length === 0) return { ok: true, payload: patch as ProductPatch };
  const ok = v.safeParse(catalogueActions.updateProduct, { shopId, productId, patch }).success;
  return ok ? { ok: true, payload: patch as ProductPatch } : { ok: false, errors: { name: OT.editor.errors.form } };
}

/** "顾客将支付 ¥12.50" under a price field while the owner types; null while it does not parse. */
export function fenEcho(text: string): string | null {
  const p = parsePrice(text);
  return p.ok ? OT.editor.fenEcho(formatYuan(p.fen)) : null;
}
