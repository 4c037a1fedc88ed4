// Refund planning (docs/product.md §3 and §16).
// A plan says how much goes back, for which lines and units, and whether it returns everything still
// refundable (then the order moves to `refunding`, order-state.ts). Partial refunds leave the status.
//
// Bookkeeping: a line's refundedQuantity / refundedFen and the order's deliveryRefundedFen and
// refundPendingFen are committed when the refund STARTS, so a second refund planned while the first is
// still pending cannot promise the same money again. The server applies `applyRefundPlan` with a
// compare-and-set on `refundCount` (and the status), so two concurrent refunds cannot both pass.
// A failed refund is retried with the same outRefundNo (docs/wechat-contracts.md §3.4) and never un-committed.
//
// Amounts: refunding the rest of a line refunds exactly what is left of what it paid (its total less its
// share of the promotions, linePaidFen); fewer units refund their share of that (unitPrice × units when
// nothing was discounted), capped at what is left. The delivery fee goes back once every unit is refunded.
// An amount refund is spread over the lines and the delivery fee by largest remainder (money.ts).
import { fail, ok, type Result } from './errors';
import { addFen, fen, minFen, prorate, subFen, sumFen, ZERO_FEN, type Fen } from './money';
import type { OrderDoc, OrderLine, RefundLine } from './model';
import { REFUNDABLE_STATUSES, type Actor, type OrderStatus } from './order-state';

/** WeChat Pay allows at most 50 partial refunds per order (§3.4). */
export const MAX_REFUNDS_PER_ORDER = 50;

export type RefundRequest =
  | { mode: 'full' }
  | { mode: 'lines'; lines: readonly { lineNo: number; quantity: number }[] }
  | { mode: 'amount'; amount: Fen };

export type RefundableOrder = Pick<
  OrderDoc,
  'status' | 'lines' | 'deliveryFee' | 'paidFen' | 'refundedFen' | 'refundPendingFen' | 'deliveryRefundedFen' | 'refundCount'
>;

export interface RefundPlan {
  amount: Fen;
  /** Lines this refund touches; `quantity` is units refunded (0 for an amount spread over the line). */
  lines: RefundLine[];
  deliveryFee: Fen;
  /** Returns everything still refundable. */
  full: boolean;
  /** Lines whose whole total is back after this refund: take back their grant / entitlement. */
  fullyRefundedLineNos: number[];
  /** The order's status after the refund starts. */
  nextStatus: OrderStatus;
}

export function refundableAmount(order: Pick<RefundableOrder, 'paidFen' | 'refundedFen' | 'refundPendingFen'>): Fen {
  return subFen(order.paidFen, addFen(order.refundedFen, order.refundPendingFen));
}

/** What the buyer paid for a line: its total less its share of the promotions (promotions.ts). */
export const linePaidFen = (l: Pick<OrderLine, 'lineTotal' | 'discountFen'>): Fen => subFen(l.lineTotal, l.discountFen ?? ZERO_FEN);

const lineLeft = (l: OrderLine) => ({ units: l.quantity - l.refundedQuantity, money: subFen(linePaidFen(l), l.refundedFen) });

/** The paid share of a line's first n units (largest remainder over the units: unitPrice × n when undiscounted). */
const firstUnits = (l: OrderLine, n: number): Fen => prorate(linePaidFen(l), [n, l.quantity - n])[0];

/** `units` more units of a line back: the share of the units refunded so far and these, less the share of those before. */
function unitsShare(l: OrderLine, units: number): Fen {
  const before = firstUnits(l, l.refundedQuantity);
  const upTo = firstUnits(l, l.refundedQuantity + units);
  return upTo > before ? subFen(upTo, before) : ZERO_FEN;
}

function checkRefundAllowed(order: RefundableOrder, actor: Actor): Result<Fen> {
  // A late payment on a cancelled order is refunded by the server (order-state.ts cancelled → refunding).
  const allowed = actor === 'owner' ? REFUNDABLE_STATUSES : [...REFUNDABLE_STATUSES, 'cancelled'];
  if (!allowed.includes(order.status) || actor === 'buyer') {
    return fail('INVALID_TRANSITION', { from: order.status, to: 'refunding', actor });
  }
  if (order.refundCount >= MAX_REFUNDS_PER_ORDER) return fail('REFUND_LIMIT', { max: MAX_REFUNDS_PER_ORDER });
  const refundable = refundableAmount(order);
  if (refundable === 0) return fail('NOTHING_TO_REFUND');
  return ok(refundable);
}

function everything(order: RefundableOrder): { lines: RefundLine[]; deliveryFee: Fen } {
  const lines = order.lines
    .map((l) => ({ lineNo: l.lineNo, quantity: lineLeft(l).units, amount: lineLeft(l).money }))
    .filter((r) => r.quantity > 0 || r.amount > 0);
  return { lines, deliveryFee: subFen(order.deliveryFee, order.deliveryRefundedFen) };
}

function byLines(order: RefundableOrder, wanted: readonly { lineNo: number; quantity: number }[]): Result<{ lines: RefundLine[]; deliveryFee: Fen }> {
  if (wanted.length === 0) return fail('VALIDATION_FAILED', { path: 'lines', reason: 'no lines to refund' });
  const seen = new Set<number>();
  const lines: RefundLine[] = [];
  for (const w of wanted) {
    const line = order.lines.find((l) => l.lineNo === w.lineNo);
    if (!line) return fail('LINE_NOT_FOUND', { lineNo: w.lineNo });
    if (seen.has(w.lineNo)) return fail('VALIDATION_FAILED', { path: 'lines', reason: `line ${w.lineNo} listed twice` });
    seen.add(w.lineNo);
    const left = lineLeft(line);
    if (!Number.isInteger(w.quantity) || w.quantity < 1 || w.quantity > left.units) {
      return fail('REFUND_EXCEEDS_PAID', { lineNo: w.lineNo, refundableQuantity: left.units });
    }
    const amount = w.quantity === left.units ? left.money : minFen(unitsShare(line, w.quantity), left.money);
    lines.push({ lineNo: w.lineNo, quantity: w.quantity, amount });
  }
  const allUnitsBack = order.lines.every((l) => lineLeft(l).units === (lines.find((r) => r.lineNo === l.lineNo)?.quantity ?? 0));
  return ok({ lines, deliveryFee: allUnitsBack ? subFen(order.deliveryFee, order.deliveryRefundedFen) : ZERO_FEN });
}

function byAmount(order: RefundableOrder, amount: Fen): { lines: RefundLine[]; deliveryFee: Fen } {
  const deliveryLeft = subFen(order.deliveryFee, order.deliveryRefundedFen);
  const parts = prorate(amount, [...order.lines.map((l) => lineLeft(l).money), deliveryLeft]);
  const lines = order.lines
    .map((l, i) => ({ lineNo: l.lineNo, quantity: 0, amount: parts[i] }))
    .filter((r) => r.amount > 0);
  return { lines, deliveryFee: parts[order.lines.length] };
}

export function planRefund(order: RefundableOrder, request: RefundRequest, actor: Actor): Result<RefundPlan> {
  const allowed = checkRefundAllowed(order, actor);
  if (!allowed.ok) return allowed;
  const refundable = allowed.data;
  let parts: { lines: RefundLine[]; deliveryFee: Fen };
  if (request.mode === 'lines') {
    const planned = byLines(order, request.lines);
    if (!planned.ok) return planned;
    parts = planned.data;
  } else if (request.mode === 'amount') {
    if (!Number.isSafeInteger(request.amount) || request.amount < 1 || request.amount > refundable) {
      return fail('REFUND_EXCEEDS_PAID', { requested: request.amount, refundable });
    }
    parts = request.amount === refundable ? everything(order) : byAmount(order, request.amount);
  } else {
    parts = everything(order);
  }
  const amount = addFen(sumFen(parts.lines.map((l) => l.amount)), parts.deliveryFee);
  if (amount === 0) return fail('NOTHING_TO_REFUND');
  if (amount > refundable) return fail('REFUND_EXCEEDS_PAID', { requested: amount, refundable });
  const full = amount === refundable;
  const fullyRefundedLineNos = parts.lines
    .filter((r) => {
      const line = order.lines.find((l) => l.lineNo === r.lineNo) as OrderLine;
      return line.refundedFen + r.amount === linePaidFen(line);
    })
    .map((r) => r.lineNo);
  return ok({ amount, lines: parts.lines, deliveryFee: parts.deliveryFee, full, fullyRefundedLineNos, nextStatus: full ? 'refunding' : order.status });
}

/** "Mark lines sold out": a lines refund of every unit left on those lines, only before fulfilment. */
export function planSoldOut(order: RefundableOrder, lineNos: readonly number[]): Result<RefundPlan> {
  if (order.status !== 'paid' && order.status !== 'accepted') {
    return fail('INVALID_TRANSITION', { from: order.status, to: 'refunding', actor: 'owner' });
  }
  const lines = [];
  for (const lineNo of lineNos) {
    const line = order.lines.find((l) => l.lineNo === lineNo);
    if (!line) return fail('LINE_NOT_FOUND', { lineNo });
    lines.push({ lineNo, quantity: lineLeft(line).units });
  }
  return planRefund(order, { mode: 'lines', lines }, 'owner');
}

export interface RefundPatch {
  lines: OrderLine[];
  refundPendingFen: Fen;
  deliveryRefundedFen: Fen;
  refundCount: number;
  status: OrderStatus;
}

/** The order fields to write when the refund starts (guard: status and refundCount unchanged). */
export function applyRefundPlan(order: RefundableOrder, plan: RefundPlan, soldOutLineNos: readonly number[] = []): RefundPatch {
  const lines = order.lines.map((l) => {
    const r = plan.lines.find((x) => x.lineNo === l.lineNo);
    const soldOut = l.soldOut || soldOutLineNos.includes(l.lineNo);
    if (!r) return { ...l, soldOut };
    return { ...l, soldOut, refundedQuantity: l.refundedQuantity + r.quantity, refundedFen: addFen(l.refundedFen, r.amount) };
  });
  return {
    lines,
    refundPendingFen: addFen(order.refundPendingFen, plan.amount),
    deliveryRefundedFen: addFen(order.deliveryRefundedFen, plan.deliveryFee),
    refundCount: order.refundCount + 1,
    status: plan.nextStatus,
  };
}

/** The order's money after WeChat Pay confirms a refund; `refunded` when nothing is left to refund. */
export function settleRefund(order: Pick<RefundableOrder, 'paidFen' | 'refundedFen' | 'refundPendingFen'>, amount: Fen) {
  const refundedFen = addFen(order.refundedFen, amount);
  const refundPendingFen = fen(Math.max(0, order.refundPendingFen - amount));
  return { refundedFen, refundPendingFen, allMoneyBack: refundedFen >= order.paidFen };
}
