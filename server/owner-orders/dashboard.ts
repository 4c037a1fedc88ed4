// The owner's dashboard (PRODUCT.md item 5) and customers list (the gift chooser). Days are China
// calendar days (core/time.ts): "today" starts at 00:00 Asia/Shanghai whatever the server's zone.
// Revenue is what buyers paid on that day (paidFen by paidAt); refunds show on the orders, not here.
import { COLLECTIONS } from '../../core/collections';
import type { Payload } from '../../core/contracts/registry';
import type { CustomerRow, DashboardView, Page } from '../../core/contracts/views';
import { ok, type Result } from '../../core/errors';
import type { OrderDoc } from '../../core/model';
import { WAITING_STATUSES } from '../../core/order-state';
import { dashboardView, pageOf } from '../../core/present';
import { lastChinaDays } from '../../core/time';
import { docsOf } from '../store/db';
import type { OperationContext } from '../handler';
import type { Database } from '../wechat/sdk';
import { ownedShop } from '../store/shops';
import { buyerIdentities } from '../store/buyers';
import { resolveImageUrls, urlOf } from '../wechat/images';

/** The server SDK returns at most 1000 documents per get (§6). */
const PAGE = 1000;
const MAX_PAGES = 20;

async function paidSince(db: Database, shopId: string, since: number): Promise<Pick<OrderDoc, 'paidAt' | 'paidFen'>[]> {
  const _ = db.command;
  const out: Pick<OrderDoc, 'paidAt' | 'paidFen'>[] = [];
  for (let page = 0; page < MAX_PAGES; page += 1) {
    const rows = docsOf<Pick<OrderDoc, 'paidAt' | 'paidFen'>>(
      await db.collection(COLLECTIONS.orders).where({ shopId, paidAt: _.gte(since) })
        .orderBy('paidAt', 'asc').skip(page * PAGE).limit(PAGE).field({ paidAt: true, paidFen: true }).get(),
    );
    out.push(...rows);
    if (rows.length < PAGE) break;
  }
  return out;
}

async function countActiveMembers(db: Database, shopId: string, now: number): Promise<number> {
  const _ = db.command;
  const $ = _.aggregate;
  const res = (await db.collection(COLLECTIONS.memberships).aggregate()
    .match(_.and([{ shopId }, _.or([{ lifetime: true }, { expiresAt: _.gt(now) }])]))
    .group({ _id: '$buyerOpenid', n: $.sum(1) })
    .count('members')
    .end()) as { list?: { members?: number }[] };
  return res.list?.[0]?.members ?? 0;
}

export async function dashboard(p: Payload<'shopAdmin', 'dashboard'>, ctx: OperationContext): Promise<Result<DashboardView>> {
  const shop = await ownedShop(ctx.db, p.shopId, ctx.openid);
  if (!shop.ok) return shop;
  const _ = ctx.db.command;
  const days = lastChinaDays(ctx.now, 7);
  const [paid, waiting, activeMembers] = await Promise.all([
    paidSince(ctx.db, p.shopId, days[0].start),
    ctx.db.collection(COLLECTIONS.orders).where({ shopId: p.shopId, status: _.in([...WAITING_STATUSES]) }).count(),
    countActiveMembers(ctx.db, p.shopId, ctx.now),
  ]);
  return ok(dashboardView(paid, (waiting as { total?: number }).total ?? 0, activeMembers, ctx.now));
}

/**
 * The shop's buyers, most recent first, computed from its orders in one aggregation (the orders are the
 * record of who bought here; nothing else has to be kept in step with them).
 */
export async function customers(p: Payload<'shopAdmin', 'customers'>, ctx: OperationContext): Promise<Result<Page<CustomerRow>>> {
  const shop = await ownedShop(ctx.db, p.shopId, ctx.openid);
  if (!shop.ok) return shop;
  const $ = ctx.db.command.aggregate;
  const res = (await ctx.db.collection(COLLECTIONS.orders).aggregate()
    .match({ shopId: p.shopId })
    .group({
      _id: '$buyerOpenid',
      orderCount: $.sum(1),
      paidCount: $.sum($.cond([$.gt(['$paidFen', 0]), 1, 0])),
      paidTotal: $.sum('$paidFen'),
      lastOrderAt: $.max('$createdAt'),
    })
    .sort({ lastOrderAt: -1, _id: 1 })
    .skip(p.offset)
    .limit(p.limit + 1)
    .end()) as { list?: (Omit<CustomerRow, 'openid'> & { _id: string })[] };
  const rows = res.list ?? [];
  // Named as the owner knows them: two buyers never read alike (core/buyers.ts).
  const who = await buyerIdentities(ctx.db, p.shopId, rows.slice(0, p.limit).map((c) => c._id));
  const urls = await resolveImageUrls([...who.values()].map((w) => w.avatar).filter((a): a is string => a !== null));
  const items = rows.map((c) => {
    const w = who.get(c._id);
    return {
      openid: c._id, name: w?.name ?? '', avatar: w?.avatar ?? null, avatarUrl: urlOf(urls, w?.avatar ?? null), phone: w?.phone ?? null,
      orderCount: c.orderCount, paidCount: c.paidCount, paidTotal: c.paidTotal, lastOrderAt: c.lastOrderAt,
    };
  });
  return ok(pageOf(items, p.offset, p.limit));
}
