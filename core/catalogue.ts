// Catalogue rules the contracts cannot check alone because they need the stored product: a new
// product document from `createProduct`, and an `updateProduct` patch applied to what is stored.
import type { Payload } from './contracts/registry';
import { fail, ok, type Result } from './errors';
import type { Fen } from './money';
import type { DigitalFile, ProductDoc } from './model';
import { hasOptions, optionsStock, planOptions, type OptionsPlan } from './options';

export type CreateProductInput = Payload<'shopAdmin', 'createProduct'>;
export type ProductPatch = Payload<'shopAdmin', 'updateProduct'>['patch'];

/** A new product; with options its SKUs are created whole and it is listed at the lowest SKU price. */
export function newProductDoc(input: CreateProductInput, productId: string, now: number): ProductDoc {
  const options = input.kind === 'physical' ? input.options : null;
  const planned = options ? planOptions({ options: [], skus: {}, optionSeq: 1 }, options) : null;
  const plan = planned?.ok ? planned.plan : null;
  return {
    ...plainProductDoc(input, productId, now),
    ...(plan ? { price: plan.prices?.price ?? input.price, memberPrice: plan.prices?.memberPrice ?? null, stock: 0, unlimited: false } : {}),
    options: plan ? plan.options : [],
    skus: plan ? plan.create : {},
    optionSeq: plan ? plan.optionSeq : 1,
  };
}

function plainProductDoc(input: CreateProductInput, productId: string, now: number): ProductDoc {
  return {
    _id: productId,
    shopId: input.shopId,
    kind: input.kind,
    name: input.name,
    description: input.description,
    photos: [...input.photos],
    price: input.price,
    memberPrice: input.memberPrice,
    memberTag: input.memberTag,
    membersOnly: input.membersOnly,
    unlimited: input.unlimited,
    stock: input.stock,
    reserved: 0,
    sold: 0,
    onShelf: input.onShelf,
    deleted: false,
    deletedAt: null,
    categoryId: input.categoryId,
    sort: input.sort,
    membership: input.kind === 'membership' ? input.membership : null,
    digital: input.kind === 'digital' ? { ...input.digital, version: 1 } : null,
    createdAt: now,
    updatedAt: now,
  };
}

export interface PatchedProduct {
  /** The fields to `$set` (never `stock`: see stockDelta). */
  set: Partial<ProductDoc>;
  /**
   * Change of available units the owner asked for (new stock − stock read). The server applies it as
   * `_.inc(stockDelta)` (guarded by `stock: _.gte(−stockDelta)` when negative), never as a plain set, so
   * a checkout reserving between the read and the write is not overwritten.
   */
  stockDelta: number;
  /** A new file was uploaded (the version was bumped): buyers of older versions are told. */
  digitalUpdated: boolean;
  /** The options changed (server/catalogue/options-update.ts turns the plan into guarded paths). */
  options: OptionsPlan | null;
}

const invalid = (path: string, reason: string) => fail('VALIDATION_FAILED', { path: `patch.${path}`, reason });

export function applyProductPatch(product: ProductDoc, patch: ProductPatch, now: number): Result<PatchedProduct> {
  if (product.deleted) return fail('PRODUCT_UNAVAILABLE', { productId: product._id });
  if (patch.membership !== undefined && product.kind !== 'membership') return invalid('membership', 'only a membership product has a plan');
  if (patch.digital !== undefined && product.kind !== 'digital') return invalid('digital', 'only a digital product has a file');
  if (patch.options !== undefined && product.kind !== 'physical') return invalid('options', 'memberships and digital products have no options');
  let options: OptionsPlan | null = null;
  if (patch.options !== undefined) {
    const planned = planOptions(product, patch.options);
    if (!planned.ok) return invalid(planned.path, planned.reason);
    options = planned.plan;
  }
  // With options the SKUs carry price and stock; the product's own fields are derived (or emptied).
  const optionsAfter = options ? options.options.length > 0 : hasOptions(product);
  if (optionsAfter) {
    patch = { ...patch, price: options?.prices?.price ?? product.price, memberPrice: options?.prices ? options.prices.memberPrice : product.memberPrice };
    delete patch.unlimited;
    patch.stock = options && !hasOptions(product) ? 0 : undefined;
    if (patch.stock === undefined) delete patch.stock;
  }
  const price: Fen = patch.price ?? product.price;
  const memberPrice: Fen | null = patch.memberPrice !== undefined ? patch.memberPrice : product.memberPrice;
  if (memberPrice !== null && memberPrice > price) return invalid('memberPrice', 'member price must not exceed the price');

  const set: Partial<ProductDoc> = { updatedAt: now };
  const copy = ['name', 'description', 'price', 'memberPrice', 'memberTag', 'membersOnly', 'unlimited', 'onShelf', 'categoryId', 'sort', 'membership'] as const;
  for (const key of copy) {
    if (patch[key] !== undefined) (set as Record<string, unknown>)[key] = patch[key];
  }
  if (patch.photos !== undefined) set.photos = [...patch.photos];
  let digitalUpdated = false;
  if (patch.digital !== undefined && product.digital) {
    digitalUpdated = patch.digital.fileID !== product.digital.fileID;
    const next: DigitalFile = { ...patch.digital, version: product.digital.version + (digitalUpdated ? 1 : 0) };
    set.digital = next;
  }
  const stockDelta = patch.stock === undefined ? 0 : patch.stock - product.stock;
  if (options) {
    set.options = options.options;
    set.optionSeq = options.optionSeq;
  }
  return ok({ set, stockDelta, digitalUpdated, options });
}

/** Whether a buyer can still put the product in a cart (storefront "sold out" flag): with options, no SKU on sale has stock. */
export function isSoldOut(product: Pick<ProductDoc, 'unlimited' | 'stock' | 'options' | 'skus'>): boolean {
  if (hasOptions(product)) return optionsStock(product) === 0;
  return !product.unlimited && product.stock <= 0;
}

