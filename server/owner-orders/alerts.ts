// The shop's alerts, newest first (written by store/alerts.ts, the one alert writer), each naming whose
// action it reports (店长 or the staff member's name).
import { COLLECTIONS } from '../../core/collections';
import type { AlertRow, Page } from '../../core/contracts/views';
import type { Payload } from '../../core/contracts/registry';
import { ok, type Result } from '../../core/errors';
import type { ShopAlertDoc } from '../../core/model';
import { alertRow, pageOf } from '../../core/present';
import { docsOf } from '../store/db';
import type { OperationContext } from '../handler';
import { accessibleShop } from '../store/shops';
import { actorNames, shopStaff } from '../store/staff';

export async function alerts(p: Payload<'shopAdmin', 'alerts'>, ctx: OperationContext): Promise<Result<Page<AlertRow>>> {
  const shop = await accessibleShop(ctx.db, p.shopId, ctx.openid, 'alerts');
  if (!shop.ok) return shop;
  const rows = docsOf<ShopAlertDoc>(
    await ctx.db.collection(COLLECTIONS.shopAlerts).where({ shopId: p.shopId }).orderBy('at', 'desc').skip(p.offset).limit(p.limit + 1).get(),
  );
  const staff = rows.some((a) => a.by) ? await shopStaff(ctx.db, p.shopId) : [];
  const names = actorNames(shop.data, staff);
  return ok(pageOf(rows.map((a) => alertRow(a, names)), p.offset, p.limit));
}
