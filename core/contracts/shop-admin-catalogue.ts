// shopAdmin, part 1: the shop, its settings and its catalogue. Every action names the shop; the server
// checks the caller owns it (NOT_SHOP_OWNER) before anything else is read or written.
import * as v from 'valibot';
import {
  autoCompleteDays, deliverySettings, digitalFile, emptyPayload, fileId, id, idList, LIMITS, membershipPlan, name,
  optionalText, ownerProductPaging, phone, photos, price, requestId, sort, stock, subMchId, tag, text, unpaidTimeoutMinutes, maxUnpaidPerBuyer, pickupHoldHours,
} from './fields';
import { ACCEPT_MODES, PAY_CHANNELS } from '../model';
import { combinationCount, MAX_OPTION_GROUPS, MAX_OPTION_VALUES, MAX_SKUS, VALUE_ID_PATTERN } from '../options';
import type { CategoryView, OwnerProductView, Page, QrCodeResult, ShopOwnerView, ShopSummary } from './views';
import { GOODS_CATEGORIES } from '../pay-channels';

const shopRef = { shopId: id };

const distinct = (names: readonly string[]) => new Set(names).size === names.length;

/**
 * Options (core/options.ts): 1..3 groups of 1..20 named values, and exactly one SKU per combination
 * (value indexes per group), at most 100. A value keeps its `id` (from the owner's product view) when
 * renamed or moved; a new value sends null. Only the first group's values may have a photo.
 */
export const optionsInput = v.pipe(
  v.strictObject({
    groups: v.pipe(v.array(v.strictObject({
      name: text(10),
      values: v.pipe(v.array(v.strictObject({
        id: v.nullable(v.pipe(v.string(), v.regex(VALUE_ID_PATTERN, 'invalid option value id'))),
        name: text(20),
        photo: v.optional(v.nullable(fileId), null),
      })), v.minLength(1), v.maxLength(MAX_OPTION_VALUES)),
    })), v.minLength(1), v.maxLength(MAX_OPTION_GROUPS)),
    skus: v.pipe(v.array(v.strictObject({
      values: v.array(v.pipe(v.number(), v.safeInteger(), v.minValue(0), v.maxValue(MAX_OPTION_VALUES - 1))),
      price,
      memberPrice: v.optional(v.nullable(price), null),
      unlimited: v.optional(v.boolean(), false),
      /** Units available now; null: leave a stored SKU's count as it is (a checkout may have moved it since the editor read it). */
      stock: v.optional(v.nullable(stock), 0),
      onShelf: v.optional(v.boolean(), true),
    })), v.maxLength(MAX_SKUS)),
  }),
  v.check((o) => distinct(o.groups.map((g) => g.name)), 'option group names must differ'),
  v.check((o) => o.groups.every((g) => distinct(g.values.map((x) => x.name))), 'values of a group must differ'),
  v.check((o) => distinct(o.groups.flatMap((g) => g.values.map((x) => x.id)).filter((x) => x !== null)), 'value ids must differ'),
  v.check((o) => combinationCount(o.groups) <= MAX_SKUS, `at most ${MAX_SKUS} combinations`),
  v.check((o) => o.groups.slice(1).every((g) => g.values.every((x) => x.photo === null)), 'only the first group has photos'),
  v.check((o) => o.skus.every((s) => s.memberPrice === null || s.memberPrice <= s.price), 'member price must not exceed the price'),
  v.check((o) => {
    const keys = o.skus.map((s) => s.values.join('.'));
    return o.skus.length === combinationCount(o.groups) && distinct(keys)
      && o.skus.every((s) => s.values.length === o.groups.length && s.values.every((i, g) => i < o.groups[g].values.length));
  }, 'skus must name every combination exactly once'),
);

const productCommon = {
  shopId: id,
  name,
  description: optionalText(LIMITS.description),
  photos,
  price,
  memberPrice: v.optional(v.nullable(price), null),
  /** The tag whose holders pay memberPrice and may buy a members-only product; null: any tag of the shop. */
  memberTag: v.optional(v.nullable(tag), null),
  membersOnly: v.optional(v.boolean(), false),
  unlimited: v.optional(v.boolean(), false),
  stock: v.optional(stock, 0),
  onShelf: v.optional(v.boolean(), true),
  categoryId: v.optional(v.nullable(id), null),
  sort: v.optional(sort, 0),
};


/** Optional and without a default: an absent key stays absent, so a patch changes only what it names. */
const patchText = (max: number) => v.optional(v.pipe(v.string(), v.trim(), v.maxLength(max)));

const productPatch = v.pipe(
  v.strictObject({
    name: v.optional(name),
    description: patchText(LIMITS.description),
    photos: v.optional(v.pipe(v.array(fileId), v.maxLength(LIMITS.photos))),
    price: v.optional(price),
    memberPrice: v.optional(v.nullable(price)),
    memberTag: v.optional(v.nullable(tag)),
    membersOnly: v.optional(v.boolean()),
    unlimited: v.optional(v.boolean()),
    /** Units available now (the server applies the difference to what it read, catalogue.ts). */
    stock: v.optional(stock),
    onShelf: v.optional(v.boolean()),
    categoryId: v.optional(v.nullable(id)),
    sort: v.optional(sort),
    /** Only for kind `membership`. */
    membership: v.optional(membershipPlan),
    /** Only for kind `digital`; a new fileID bumps the version and buyers are told. */
    digital: v.optional(digitalFile),
    /** Only for kind `physical`; null removes every option (units held or sold stay, core/options.ts). */
    options: v.optional(v.nullable(optionsInput)),
  }),
  v.check((p) => Object.keys(p).length > 0, 'the patch must change at least one field'),
);

export const catalogueActions = {
  /**
   * Idempotent by `requestId` (docs/style.md §8): a double tap sends the same id and gets the same shop; the
   * same id with other fields is IDEMPOTENCY_MISMATCH. No logo: the logo belongs under the shop's own
   * folder (storage.ts), which exists once this answers; the client then uploads it and calls updateShop.
   */
  createShop: v.strictObject({
    requestId,
    name,
    phone,
    description: optionalText(LIMITS.description),
  }),
  updateShop: v.pipe(
    v.strictObject({
      shopId: id,
      name: v.optional(name),
      logo: v.optional(v.nullable(fileId)),
      phone: v.optional(phone),
      description: patchText(LIMITS.description),
    }),
    v.check((p) => Object.keys(p).length > 1, 'the update must change at least one field'),
  ),
  myShops: emptyPayload,
  getShop: v.strictObject(shopRef),
  updateSettings: v.pipe(
    v.strictObject({
      shopId: id,
      /** null unbinds the merchant (WeChat Pay checkout stops with MERCHANT_NOT_CONFIGURED). */
      subMchId: v.optional(v.nullable(subMchId)),
      /** Cloud Pay, or WeChat Pay v3 as a service provider's sub-merchant or as the deployment's own merchant (core/pay-channels.ts). */
      payChannel: v.optional(v.picklist(PAY_CHANNELS)),
      /** The registered goods category: all but `general` may not use Cloud Pay (docs/wechat-contracts.md §3.0). */
      goodsCategory: v.optional(v.picklist(GOODS_CATEGORIES)),
      delivery: v.optional(deliverySettings),
      acceptMode: v.optional(v.picklist(ACCEPT_MODES)),
      unpaidTimeoutMinutes: v.optional(unpaidTimeoutMinutes),
      payOnPickup: v.optional(v.boolean()),
      autoCompleteDays: v.optional(autoCompleteDays),
      maxUnpaidPerBuyer: v.optional(maxUnpaidPerBuyer),
      pickupHoldHours: v.optional(pickupHoldHours),
    }),
    v.check((p) => Object.keys(p).length > 1, 'the settings update must change at least one field'),
  ),
  /** The shop's mini-program code (wxacode.getUnlimited with scene ids.ts shopScene) for the poster. */
  qrCode: v.strictObject(shopRef),

  createCategory: v.strictObject({ shopId: id, name, sort: v.optional(sort, 0) }),
  updateCategory: v.pipe(
    v.strictObject({ shopId: id, categoryId: id, name: v.optional(name), sort: v.optional(sort) }),
    v.check((p) => p.name !== undefined || p.sort !== undefined, 'the update must change at least one field'),
  ),
  /** Products of a deleted category keep working with categoryId null. */
  deleteCategory: v.strictObject({ shopId: id, categoryId: id }),
  listCategories: v.strictObject(shopRef),

  listProducts: v.strictObject({
    shopId: id,
    categoryId: v.optional(v.nullable(id)),
    includeDeleted: v.optional(v.boolean(), false),
    ...ownerProductPaging,
  }),
  getProduct: v.strictObject({ shopId: id, productId: id }),
  createProduct: v.pipe(
    v.variant('kind', [
      v.strictObject({ kind: v.literal('physical'), ...productCommon, options: v.optional(v.nullable(optionsInput), null) }),
      v.strictObject({ kind: v.literal('membership'), ...productCommon, membership: membershipPlan }),
      v.strictObject({ kind: v.literal('digital'), ...productCommon, digital: digitalFile }),
    ]),
    v.forward(v.check((p) => p.memberPrice === null || p.memberPrice <= p.price, 'member price must not exceed the price'), ['memberPrice']),
  ),
  /** The kind never changes; past orders keep their snapshot whatever changes here. */
  updateProduct: v.strictObject({ shopId: id, productId: id, patch: productPatch }),
  setShelf: v.strictObject({ shopId: id, productIds: idList(LIMITS.bulkIds), onShelf: v.boolean() }),
  /** Soft delete. */
  deleteProduct: v.strictObject({ shopId: id, productId: id }),
  /** The new order: `sort` becomes each id's position. */
  reorder: v.strictObject({ shopId: id, target: v.picklist(['products', 'categories']), ids: idList(LIMITS.reorderIds) }),
};

export interface CatalogueResponses {
  createShop: ShopOwnerView;
  updateShop: ShopOwnerView;
  myShops: ShopSummary[];
  getShop: ShopOwnerView;
  updateSettings: ShopOwnerView;
  qrCode: QrCodeResult;
  createCategory: CategoryView;
  updateCategory: CategoryView;
  deleteCategory: { categoryId: string };
  listCategories: CategoryView[];
  listProducts: Page<OwnerProductView>;
  getProduct: OwnerProductView;
  createProduct: OwnerProductView;
  updateProduct: OwnerProductView;
  setShelf: { updated: number };
  deleteProduct: { productId: string };
  reorder: { updated: number };
}
