// Who a buyer is to a shop owner (core/buyers.ts buyerName): their chosen nickname and avatar
// (buyer_profiles), else the name and phone on their latest delivery address in this shop, else a label
// from the whole openid. Two reads for a page of buyers, whatever its size.
import { buyerName } from '../../core/buyers';
import { COLLECTIONS } from '../../core/collections';
import type { BuyerProfileDoc, OrderDoc } from '../../core/model';
import type { Database } from '../wechat/sdk';
import { docsOf } from './db';

export interface BuyerIdentity {
  name: string;
  avatar: string | null;
  phone: string | null;
}

export async function loadProfiles(db: Database, openids: readonly string[]): Promise<Map<string, BuyerProfileDoc>> {
  if (openids.length === 0) return new Map();
  const _ = db.command;
  const rows = docsOf<BuyerProfileDoc>(await db.collection(COLLECTIONS.buyerProfiles).where({ _id: _.in([...openids]) }).limit(openids.length).get());
  return new Map(rows.map((p) => [p._id, p]));
}

export async function buyerIdentities(db: Database, shopId: string, openids: readonly string[]): Promise<Map<string, BuyerIdentity>> {
  const ids = [...new Set(openids)];
  if (ids.length === 0) return new Map();
  const _ = db.command;
  const [profiles, withAddress] = await Promise.all([
    loadProfiles(db, ids),
    db.collection(COLLECTIONS.orders)
      .where({ shopId, buyerOpenid: _.in(ids), 'delivery.address': _.neq(null) })
      .orderBy('createdAt', 'desc').limit(Math.min(1000, ids.length * 5))
      .field({ buyerOpenid: true, delivery: true }).get() as Promise<unknown>,
  ]);
  const latest = new Map<string, { userName: string; telNumber: string }>();
  for (const o of docsOf<Pick<OrderDoc, 'buyerOpenid' | 'delivery'>>(withAddress)) if (o.delivery.address && !latest.has(o.buyerOpenid)) latest.set(o.buyerOpenid, o.delivery.address);
  const out = new Map<string, BuyerIdentity>();
  for (const id of ids) {
    const profile = profiles.get(id);
    const address = latest.get(id);
    out.set(id, {
      name: buyerName(id, { nickname: profile?.nickname, addressName: address?.userName }),
      avatar: profile?.avatar ?? null,
      phone: address?.telNumber ?? null,
    });
  }
  return out;
}
