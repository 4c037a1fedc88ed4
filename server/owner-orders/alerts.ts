// The owner's alerts, newest first (written by store/alerts.ts, the one alert writer).
import { COLLECTIONS } from '../../core/collections';
import type { AlertRow, Page } from '../../core/contracts/views';
import type { Payload } from '../../core/contracts/registry';
import { ok, type Result } from '../../core/errors';
import type { ShopAlertDoc } from '../../core/model';
import { alertRow, pageOf } from '../../core/present';
import { docsOf } from '../store/db';
import type { OperationContext } from '../handler';
import { ownedShop } from '../store/shops';

export async function alerts(p: Payload<'shopAdmin', 'alerts'>, ctx: OperationContext): Promise<Result<Page<AlertRow>>> {
  const shop = await ownedShop(ctx.db, p.shopId, ctx.openid);
  if (!shop.ok) return shop;
  const rows = docsOf<ShopAlertDoc>(
    await ctx.db.collection(COLLECTIONS.shopAlerts).where({ shopId: p.shopId }).orderBy('at', 'desc').skip(p.offset).limit(p.limit + 1).get(),
  );
  return ok(pageOf(rows.map(alertRow), p.offset, p.limit));
}
