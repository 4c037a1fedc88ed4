// An options plan (core/options.ts planOptions) as ONE guarded update of the product, so a change of
// options never loses or invents a unit, whatever checkout reserves meanwhile:
// - kept SKUs change price / label / on-off with `$set`, and their stock by the difference the owner
//   asked for (`_.inc`, guarded never to go below zero), exactly like the product-level stock edit;
// - a SKU whose value was removed is dropped only while it has never held or sold a unit (guarded:
//   reserved 0 and sold 0 at the moment of the write); otherwise it is kept, retired and off, so its
//   holds can still be released or sold and its refunds returned;
// - the write is guarded by the optionSeq that was read, so two editors never hand out one value id twice.
// A checkout that reserves between the read and the write makes a guard miss: the caller reads again.
import type { OptionsPlan } from '../../core/options';
import type { Database } from '../wechat/sdk';

export interface GuardedUpdate {
  where: Record<string, unknown>;
  data: Record<string, unknown>;
}

export function optionsUpdate(db: Database, plan: OptionsPlan, readSeq: number | undefined): GuardedUpdate {
  const _ = db.command;
  const where: Record<string, unknown> = { optionSeq: readSeq === undefined ? _.exists(false) : readSeq };
  const data: Record<string, unknown> = {};
  for (const [skuId, sku] of Object.entries(plan.create)) {
    where[`skus.${skuId}`] = _.exists(false);
    data[`skus.${skuId}`] = _.set(sku);
  }
  for (const { skuId, set, stockDelta } of plan.keep) {
    for (const [field, value] of Object.entries(set)) data[`skus.${skuId}.${field}`] = Array.isArray(value) ? _.set(value) : value;
    if (stockDelta !== 0) {
      data[`skus.${skuId}.stock`] = _.inc(stockDelta);
      if (stockDelta < 0) where[`skus.${skuId}.stock`] = _.gte(-stockDelta);
    }
  }
  for (const skuId of plan.retire) {
    data[`skus.${skuId}.onShelf`] = false;
    data[`skus.${skuId}.retired`] = true;
  }
  for (const skuId of plan.drop) {
    where[`skus.${skuId}.reserved`] = 0;
    where[`skus.${skuId}.sold`] = 0;
    data[`skus.${skuId}`] = _.remove();
  }
  return { where, data };
}
