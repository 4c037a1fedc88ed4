// Opening a shop (docs/product.md §1), idempotent by the client's request id and race-free against the
// per-owner limit. A count-then-insert let 16 concurrent calls open 12–14 shops against a limit of 10,
// and a double tap open two. Now the shop is inserted in one transaction with two claims
// (model.ts ShopClaimDoc) whose `_id`s are deterministic, so a second insert of either fails as a
// duplicate key (docs/wechat-contracts.md §2.12):
//   owner.<openid>.<n>             one of the owner's MAX_SHOPS_PER_OWNER slots;
//   request.<openid>.<requestId>   this request; a retry or a double tap finds it and gets the same shop.
// A loser looks again: its own request claim (replay, or IDEMPOTENCY_MISMATCH for other fields), the next
// free slot, or SHOP_LIMIT when none is left. Nothing needs repair after a failed write: the claims and the
// shop commit together or not at all (§2.9), so a slot is never held without its shop, nor the reverse.
// Shops opened before the claims existed hold no slot; they are not counted (a one-off migration would).
import { defaultShopSettings } from '../../core/checkout';
import { COLLECTIONS } from '../../core/collections';
import type { Payload } from '../../core/contracts/registry';
import type { ShopOwnerView } from '../../core/contracts/views';
import { fail, ok, type Result } from '../../core/errors';
import { newId, newShopCode } from '../../core/ids';
import type { ShopClaimDoc, ShopDoc } from '../../core/model';
import type { OperationContext } from '../handler';
import { docOf, docsOf, inTransaction, isDuplicateKey } from '../store/db';
import { randomInt } from '../random';
import { shopOwnerView } from '../store/catalogue-views';
import { screenText } from './content';

/** Shops one WeChat user may open (platform mode: a person runs a few shops, not hundreds). */
export const MAX_SHOPS_PER_OWNER = 10;
/** Lost races before giving up: each loss is someone else's commit (a slot, or a code collision ~n/31^6). */
const ATTEMPTS = MAX_SHOPS_PER_OWNER + 5;

type CreateShop = Payload<'shopAdmin', 'createShop'>;

export const slotClaimId = (openid: string, n: number) => `owner.${openid}.${n}`;
export const requestClaimId = (openid: string, requestId: string) => `request.${openid}.${requestId}`;

const fingerprintOf = (p: CreateShop) => JSON.stringify([p.name, p.phone, p.description]);

function ownerView(shop: ShopDoc): ShopOwnerView {
  return shopOwnerView(shop);
}

/** The answer for a request id seen before, or null when it is new. */
async function replay(ctx: OperationContext, claim: ShopClaimDoc | null, fingerprint: string): Promise<Result<ShopOwnerView> | null> {
  if (!claim) return null;
  if (claim.fingerprint !== fingerprint) return fail('IDEMPOTENCY_MISMATCH', { requestId: claim.requestId });
  const shop = docOf<ShopDoc>(await ctx.db.collection(COLLECTIONS.shops).doc(claim.shopId).get());
  if (!shop) throw new Error(`claim ${claim._id} has no shop ${claim.shopId}`);
  return ok(ownerView(shop));
}

function newShop(p: CreateShop, ctx: OperationContext): ShopDoc {
  return {
    _id: newId('S', ctx.now, randomInt),
    ownerOpenid: ctx.openid,
    name: p.name,
    logo: null,
    phone: p.phone,
    description: p.description,
    code: newShopCode(randomInt),
    settings: defaultShopSettings(),
    createdAt: ctx.now,
    updatedAt: ctx.now,
  };
}

export async function createShop(p: CreateShop, ctx: OperationContext): Promise<Result<ShopOwnerView>> {
  const screened = await screenText(ctx, { name: p.name, description: p.description });
  if (!screened.ok) return screened;
  const claims = ctx.db.collection(COLLECTIONS.shopClaims);
  const fingerprint = fingerprintOf(p);
  const requestKey = requestClaimId(ctx.openid, p.requestId);
  for (let attempt = 1; attempt <= ATTEMPTS; attempt += 1) {
    const [mine, slots] = await Promise.all([
      claims.doc(requestKey).get(),
      claims.where({ ownerOpenid: ctx.openid, kind: 'slot' }).field({ slot: true }).limit(MAX_SHOPS_PER_OWNER).get(),
    ]);
    const replayed = await replay(ctx, docOf<ShopClaimDoc>(mine), fingerprint);
    if (replayed) return replayed;
    const taken = new Set(docsOf<Pick<ShopClaimDoc, 'slot'>>(slots).map((s) => s.slot));
    const n = Array.from({ length: MAX_SHOPS_PER_OWNER }, (_, i) => i + 1).find((i) => !taken.has(i));
    if (n === undefined) return fail('SHOP_LIMIT', { max: MAX_SHOPS_PER_OWNER });

    const shop = newShop(p, ctx);
    const claim = (kind: ShopClaimDoc['kind'], _id: string, slot: number | null): ShopClaimDoc => ({
      _id, kind, ownerOpenid: ctx.openid, shopId: shop._id, slot, requestId: p.requestId, fingerprint, createdAt: ctx.now,
    });
    try {
      await inTransaction(ctx.db, async (tx) => {
        await tx.collection(COLLECTIONS.shopClaims).add({ data: { ...claim('request', requestKey, null) } });
        await tx.collection(COLLECTIONS.shopClaims).add({ data: { ...claim('slot', slotClaimId(ctx.openid, n), n) } });
        // The unique index on `code` (collections.json) is what makes a short code unique (§2.12).
        await tx.collection(COLLECTIONS.shops).add({ data: { ...shop } });
      });
      return ok(ownerView(shop));
    } catch (err) {
      // Another call took this slot or this request id, or the code collided: look again.
      if (!isDuplicateKey(err)) throw err;
    }
  }
  throw new Error(`createShop: ${ATTEMPTS} attempts lost to concurrent calls`);
}
