// The owner's dashboard (docs/product.md §5) and customers list (the gift chooser), read from the figures
// kept as orders are paid and refunded (store/counters.ts): the same few reads at 10 orders or 10,000.
// Days are China calendar days (core/time.ts). A day's revenue is what was paid on it less what was
// refunded on it.
import { COLLECTIONS } from '../../core/collections';
import type { Payload } from '../../core/contracts/registry';
import type { CustomerRow, DashboardView, Page } from '../../core/contracts/views';
import { ok, type Result } from '../../core/errors';
import type { CustomerDoc, ShopDayDoc } from '../../core/model';
import { WAITING_STATUSES } from '../../core/order-state';
import { dashboardView, pageOf } from '../../core/present';
import { lastChinaDays } from '../../core/time';
import { docsOf, rowsOf } from '../store/db';
import type { OperationContext } from '../handler';
import type { Database } from '../wechat/sdk';
import { accessibleShop } from '../store/shops';
import { SHOP_DAY_SHARDS } from '../store/counters';
import { buyerIdentities } from '../store/buyers';
import { resolveImageUrls, urlOf } from '../wechat/images';

/** A week of the shop's day figures: 7 days × the shards, in one read, the markers left out. */
async function weekFigures(db: Database, shopId: string, dayKeys: string[]): Promise<ShopDayDoc[]> {
  const _ = db.command;
  return docsOf<ShopDayDoc>(await db.collection(COLLECTIONS.shopDays)
    .where({ shopId, day: _.in(dayKeys) }).limit(dayKeys.length * SHOP_DAY_SHARDS).field({ counted: false }).get());
}

async function countActiveMembers(db: Database, shopId: string, now: number): Promise<number> {
  const _ = db.command;
  const $ = _.aggregate;
  const res = await db.collection(COLLECTIONS.memberships).aggregate()
    .match(_.and([{ shopId }, _.or([{ lifetime: true }, { expiresAt: _.gt(now) }])]))
    .group({ _id: '$buyerOpenid', n: $.sum(1) })
    .count('members')
    .end();
  return rowsOf<{ members?: number }>(res)[0]?.members ?? 0;
}

export async function dashboard(p: Payload<'shopAdmin', 'dashboard'>, ctx: OperationContext): Promise<Result<DashboardView>> {
  const shop = await accessibleShop(ctx.db, p.shopId, ctx.openid, 'dashboard');
  if (!shop.ok) return shop;
  const _ = ctx.db.command;
  const days = lastChinaDays(ctx.now, 7);
  const [figures, waiting, activeMembers] = await Promise.all([
    weekFigures(ctx.db, p.shopId, days.map((d) => d.key)),
    ctx.db.collection(COLLECTIONS.orders).where({ shopId: p.shopId, status: _.in([...WAITING_STATUSES]) }).count(),
    countActiveMembers(ctx.db, p.shopId, ctx.now),
  ]);
  return ok(dashboardView(figures, (waiting as { total?: number }).total ?? 0, activeMembers, ctx.now));
}

/** The shop's paying buyers, most recent first: a page of the customer rows kept as orders are paid and refunded. */
export async function customers(p: Payload<'shopAdmin', 'customers'>, ctx: OperationContext): Promise<Result<Page<CustomerRow>>> {
  const shop = await accessibleShop(ctx.db, p.shopId, ctx.openid, 'customers');
  if (!shop.ok) return shop;
  const rows = docsOf<CustomerDoc>(await ctx.db.collection(COLLECTIONS.customers)
    .where({ shopId: p.shopId }).orderBy('lastOrderAt', 'desc').skip(p.offset).limit(p.limit + 1).field({ counted: false }).get());
  // Named as the owner knows them: two buyers never read alike (core/buyers.ts).
  const who = await buyerIdentities(ctx.db, p.shopId, rows.slice(0, p.limit).map((c) => c.openid));
  const urls = await resolveImageUrls([...who.values()].map((w) => w.avatar).filter((a): a is string => a !== null));
  const items = rows.map((c) => {
    const w = who.get(c.openid);
    return {
      openid: c.openid, name: w?.name ?? '', avatar: w?.avatar ?? null, avatarUrl: urlOf(urls, w?.avatar ?? null), phone: w?.phone ?? null,
      orderCount: c.orderCount, paidCount: c.paidCount, paidTotal: c.paidTotal, lastOrderAt: c.lastOrderAt,
    };
  });
  return ok(pageOf(items, p.offset, p.limit));
}
