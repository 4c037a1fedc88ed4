// Timer job: tell every buyer of a replaced file (store/digital-updates.ts). Works each open update job
// in batches of entitlements in `_id` order from the job's cursor; per buyer the notice and the order's
// timeline entry are written in one transaction, keyed by (update, entitlement), before the subscribe
// message is sent (the buyer subscribed when buying — 43101 otherwise, which is recorded as sent: false).
// The cursor moves after each batch, so a run killed midway redoes at most one batch, where every
// notice already written is found and never written or sent again.
import { COLLECTIONS } from '../../core/collections';
import type { DigitalNoticeDoc, DigitalUpdateDoc, EntitlementDoc, OrderDoc, ProductDoc, ShopDoc, TimelineEntry } from '../../core/model';
import { MINUTE_MS } from '../../core/time';
import { docOf, docsOf, inTransaction, txGet, updatedCount } from '../store/db';
import { digitalNoticeId } from '../store/digital-updates';
import { notifyDigitalUpdate } from '../wechat/notifications/notify';
import type { Database } from '../wechat/sdk';
import { BATCH, inTime } from './budget';
import type { JobContext, JobReport } from './member-jobs';

/** A job whose version never reached the product (the edit failed after opening it) is dropped after this. */
const ORPHAN_AFTER_MS = 10 * MINUTE_MS;

type Told = 'told' | 'already';

/** How long a notice's writer has to send its message before another runner may take it over. */
export const SEND_LEASE_MS = 10 * 60_000;

/** The notice and the timeline entry, once; then the message if it has not been tried. */
async function tellOne(db: Database, job: DigitalUpdateDoc, e: EntitlementDoc, shopName: string, now: number): Promise<Told> {
  const _id = digitalNoticeId(job._id, e._id);
  const _ = db.command;
  const entry: TimelineEntry = {
    at: now, event: 'digital_updated', actor: 'system', by: null, from: null, to: null, note: `${job.productName}：${job.fileName}（第 ${job.version} 版）`,
  };
  const { notice, wroteNow } = await inTransaction(db, async (tx) => {
    const there = await txGet<DigitalNoticeDoc>(tx, COLLECTIONS.digitalNotices, _id);
    if (there) return { notice: there, wroteNow: false };
    const fresh: DigitalNoticeDoc = {
      _id, updateId: job._id, entitlementId: e._id, orderId: e.orderId, buyerOpenid: e.buyerOpenid, sent: null, sendingAt: now, createdAt: now,
    };
    await tx.collection(COLLECTIONS.digitalNotices).add({ data: { ...fresh } });
    const order = await txGet<OrderDoc>(tx, COLLECTIONS.orders, e.orderId);
    if (order) await tx.collection(COLLECTIONS.orders).doc(e.orderId).update({ data: { updatedAt: now, timeline: _.push([entry]) } });
    return { notice: fresh, wroteNow: true };
  });
  if (notice.sent !== null) return 'already';
  if (!wroteNow) {
    // Written by another runner: it sends. Only a message left unsent past the lease (that runner died
    // after its commit) is taken over — claimed first, so two runners never both send it.
    if ((notice.sendingAt ?? 0) > now - SEND_LEASE_MS) return 'already';
    const claim = await db.collection(COLLECTIONS.digitalNotices).where({ _id, sent: null, sendingAt: notice.sendingAt ?? null })
      .update({ data: { sendingAt: now } });
    if (updatedCount(claim) !== 1) return 'already';
  }
  const sent = await notifyDigitalUpdate(e.buyerOpenid, e.orderId, shopName, job.productName);
  await db.collection(COLLECTIONS.digitalNotices).doc(_id).update({ data: { sent } });
  return wroteNow ? 'told' : 'already';
}

async function workJob(db: Database, job: DigitalUpdateDoc, now: number, started: number, report: JobReport): Promise<void> {
  const _ = db.command;
  const product = docOf<Pick<ProductDoc, '_id' | 'digital'>>(await db.collection(COLLECTIONS.products).doc(job.productId).field({ digital: true }).get());
  const current = product?.digital?.version ?? 0;
  if (current !== job.version) {
    // Not written yet (wait), never written (drop), or replaced again (the newer job tells them).
    if (current > job.version || now - job.createdAt > ORPHAN_AFTER_MS) {
      await db.collection(COLLECTIONS.digitalUpdates).doc(job._id).update({ data: { done: true, updatedAt: now } });
    }
    return;
  }
  const shop = docOf<Pick<ShopDoc, 'name'>>(await db.collection(COLLECTIONS.shops).doc(job.shopId).field({ name: true }).get());
  let cursor = job.cursor;
  while (inTime(started)) {
    const where: Record<string, unknown> = { productId: job.productId, revokedAt: null };
    if (cursor !== null) where._id = _.gt(cursor);
    const batch = docsOf<EntitlementDoc>(await db.collection(COLLECTIONS.entitlements).where(where).orderBy('_id', 'asc').limit(BATCH).get());
    let told = 0;
    for (const e of batch) {
      // Bought after the new file was up: nothing to tell.
      if (e.version >= job.version) continue;
      try {
        if ((await tellOne(db, job, e, shop?.name ?? '', now)) === 'told') told += 1;
      } catch (err) {
        console.error(`[sweeper] digital update ${job._id} for ${e._id} failed`, err);
        report.failed += 1;
        return; // the cursor stays before this batch: the next tick resumes it
      }
    }
    report.done += told;
    const done = batch.length < BATCH;
    if (batch.length > 0) cursor = batch[batch.length - 1]._id;
    // A batch cut short (a conflict with an overlapping run) wrote notices it never counted: the finished job's
    // figure is the notices themselves, not the sum of what each run counted.
    const total = done ? (await db.collection(COLLECTIONS.digitalNotices).where({ updateId: job._id }).count() as { total?: number }).total ?? 0 : null;
    await db.collection(COLLECTIONS.digitalUpdates).doc(job._id).update({ data: { cursor, done, told: total ?? _.inc(told), updatedAt: now } });
    if (done) return;
  }
}

export async function sendDigitalUpdates({ db, now }: JobContext): Promise<JobReport> {
  const report: JobReport = { done: 0, failed: 0 };
  const started = Date.now();
  const jobs = docsOf<DigitalUpdateDoc>(await db.collection(COLLECTIONS.digitalUpdates).where({ done: false }).orderBy('createdAt', 'asc').limit(10).get());
  for (const job of jobs) {
    if (!inTime(started)) break;
    await workJob(db, job, now, started, report);
  }
  return report;
}
