import { unwrap } from './errors';
import { fen } from './money';
import type { OrderLine } from './model';
import { seededRandom } from './prng';
import { applyRefundPlan, planRefund, planSoldOut, refundableAmount, settleRefund, type RefundableOrder, type RefundRequest } from './refund';

function line(lineNo: number, unitPrice: number, quantity: number, kind: OrderLine['kind'] = 'physical'): OrderLine {
  return {
    lineNo, productId: `P${lineNo}`, skuId: null, skuLabel: null, kind, name: `item ${lineNo}`, cover: null, quantity, listPrice: fen(unitPrice),
    unitPrice: fen(unitPrice), memberPriceApplied: false, lineTotal: fen(unitPrice * quantity), membership: null, digital: null,
    soldOut: false, refundedQuantity: 0, refundedFen: fen(0), discountFen: fen(0),
  };
}

// 2 × ¥12 + 3 × ¥3 + delivery ¥5 = ¥38
function paidOrder(over: Partial<RefundableOrder> = {}): RefundableOrder {
  return {
    status: 'accepted', lines: [line(1, 1200, 2), line(2, 300, 3)], deliveryFee: fen(500), paidFen: fen(3800),
    refundedFen: fen(0), refundPendingFen: fen(0), deliveryRefundedFen: fen(0), refundCount: 0, ...over,
  };
}

function start(order: RefundableOrder, request: RefundRequest): RefundableOrder {
  const plan = unwrap(planRefund(order, request, 'owner'));
  return { ...order, ...applyRefundPlan(order, plan) };
}

describe('planning refunds', () => {
  it('a partial refund by lines, then a full refund of the rest: ¥12 then ¥26, order refunding', () => {
    const first = unwrap(planRefund(paidOrder(), { mode: 'lines', lines: [{ lineNo: 1, quantity: 1 }] }, 'owner'));
    expect(first).toMatchObject({ amount: 1200, full: false, deliveryFee: 0, nextStatus: 'accepted', fullyRefundedLineNos: [] });
    const after = start(paidOrder(), { mode: 'lines', lines: [{ lineNo: 1, quantity: 1 }] });
    expect(refundableAmount(after)).toBe(2600);
    const rest = unwrap(planRefund(after, { mode: 'full' }, 'owner'));
    expect(rest).toMatchObject({ amount: 2600, full: true, deliveryFee: 500, nextStatus: 'refunding', fullyRefundedLineNos: [1, 2] });
    expect(rest.lines).toEqual([{ lineNo: 1, quantity: 1, amount: 1200 }, { lineNo: 2, quantity: 3, amount: 900 }]);
  });

  it('refunding more than was paid is rejected, pending refunds included', () => {
    expect(planRefund(paidOrder(), { mode: 'amount', amount: fen(3801) }, 'owner')).toMatchObject({ code: 'REFUND_EXCEEDS_PAID', details: { refundable: 3800 } });
    const pending = start(paidOrder(), { mode: 'amount', amount: fen(3000) });
    expect(planRefund(pending, { mode: 'amount', amount: fen(801) }, 'owner')).toMatchObject({ code: 'REFUND_EXCEEDS_PAID', details: { refundable: 800 } });
    expect(planRefund(paidOrder(), { mode: 'lines', lines: [{ lineNo: 2, quantity: 4 }] }, 'owner')).toMatchObject({ code: 'REFUND_EXCEEDS_PAID', details: { refundableQuantity: 3 } });
  });

  it('refunding every unit by lines returns the delivery fee too and is full', () => {
    const plan = unwrap(planRefund(paidOrder(), { mode: 'lines', lines: [{ lineNo: 2, quantity: 3 }, { lineNo: 1, quantity: 2 }] }, 'owner'));
    expect(plan).toMatchObject({ amount: 3800, deliveryFee: 500, full: true });
  });

  it('an amount refund is spread over the lines and delivery by largest remainder', () => {
    const plan = unwrap(planRefund(paidOrder(), { mode: 'amount', amount: fen(1000) }, 'owner'));
    expect(plan.lines).toEqual([{ lineNo: 1, quantity: 0, amount: 632 }, { lineNo: 2, quantity: 0, amount: 237 }]);
    expect(plan.deliveryFee).toBe(131);
    expect(plan.amount).toBe(1000);
    // the amount of everything still refundable is a full refund of all units
    expect(unwrap(planRefund(paidOrder(), { mode: 'amount', amount: fen(3800) }, 'owner'))).toMatchObject({ full: true, fullyRefundedLineNos: [1, 2] });
  });

  it('marking lines sold out refunds exactly those lines, and all lines sold out is a full refund', () => {
    const one = unwrap(planSoldOut(paidOrder({ status: 'paid' }), [2]));
    expect(one).toMatchObject({ amount: 900, full: false, lines: [{ lineNo: 2, quantity: 3, amount: 900 }] });
    const patch = applyRefundPlan(paidOrder({ status: 'paid' }), one, [2]);
    expect(patch.lines.map((l) => l.soldOut)).toEqual([false, true]);
    expect(unwrap(planSoldOut(paidOrder({ status: 'paid' }), [1, 2]))).toMatchObject({ amount: 3800, full: true, nextStatus: 'refunding' });
    expect(planSoldOut(paidOrder({ status: 'fulfilled' }), [1])).toMatchObject({ code: 'INVALID_TRANSITION' });
    expect(planSoldOut(paidOrder(), [9])).toMatchObject({ code: 'LINE_NOT_FOUND', details: { lineNo: 9 } });
  });

  it('refuses refunds in the wrong status, by a buyer, after 50 refunds, or with nothing left', () => {
    expect(planRefund(paidOrder({ status: 'unpaid' }), { mode: 'full' }, 'owner')).toMatchObject({ code: 'INVALID_TRANSITION' });
    expect(planRefund(paidOrder(), { mode: 'full' }, 'buyer')).toMatchObject({ code: 'INVALID_TRANSITION' });
    expect(planRefund(paidOrder({ status: 'cancelled' }), { mode: 'full' }, 'owner')).toMatchObject({ code: 'INVALID_TRANSITION' });
    expect(planRefund(paidOrder({ status: 'cancelled' }), { mode: 'full' }, 'payment')).toMatchObject({ ok: true }); // late payment
    expect(planRefund(paidOrder({ refundCount: 50 }), { mode: 'amount', amount: fen(1) }, 'owner')).toMatchObject({ code: 'REFUND_LIMIT' });
    expect(planRefund(paidOrder({ refundedFen: fen(3800) }), { mode: 'full' }, 'owner')).toMatchObject({ code: 'NOTHING_TO_REFUND' });
    expect(planRefund(paidOrder(), { mode: 'lines', lines: [] }, 'owner')).toMatchObject({ code: 'VALIDATION_FAILED' });
    expect(planRefund(paidOrder(), { mode: 'lines', lines: [{ lineNo: 1, quantity: 1 }, { lineNo: 1, quantity: 1 }] }, 'owner')).toMatchObject({ code: 'VALIDATION_FAILED' });
  });

  it('settling: the order is all refunded only when every fen is back', () => {
    expect(settleRefund({ paidFen: fen(3800), refundedFen: fen(0), refundPendingFen: fen(1200) }, fen(1200))).toEqual({ refundedFen: 1200, refundPendingFen: 0, allMoneyBack: false });
    expect(settleRefund({ paidFen: fen(3800), refundedFen: fen(1200), refundPendingFen: fen(2600) }, fen(2600))).toEqual({ refundedFen: 3800, refundPendingFen: 0, allMoneyBack: true });
  });

  it('random refund sequences never refund more than was paid and keep the books balanced (5 seeds × 300 orders)', () => {
    const problems: unknown[] = [];
    let refunds = 0;
    for (const seed of [11, 12, 13, 14, 15]) {
      const rnd = seededRandom(seed);
      for (let o = 0; o < 300; o += 1) {
        const lines = Array.from({ length: rnd.between(1, 5) }, (_, i) => line(i + 1, rnd.between(1, 50_000), rnd.between(1, 5)));
        const deliveryFee = fen(rnd.pick([0, 500, 800]));
        const paid = fen(lines.reduce((n, l) => n + l.lineTotal, 0) + deliveryFee);
        let order: RefundableOrder = { ...paidOrder(), lines, deliveryFee, paidFen: paid };
        for (let step = 0; step < 8; step += 1) {
          const left = refundableAmount(order);
          const pick = rnd.between(0, 9);
          const request: RefundRequest =
            pick < 4 ? { mode: 'amount', amount: fen(rnd.between(1, Math.max(1, left + 100))) }
            : pick < 9 ? { mode: 'lines', lines: [{ lineNo: rnd.between(1, lines.length), quantity: rnd.between(1, 3) }] }
            : { mode: 'full' };
          const plan = planRefund(order, request, 'owner');
          if (!plan.ok) continue;
          refunds += 1;
          order = { ...order, ...applyRefundPlan(order, plan.data) };
          if (rnd.next() < 0.5) order = { ...order, ...settleRefund(order, plan.data.amount) };
          const committed = order.lines.reduce((n, l) => n + l.refundedFen, 0) + order.deliveryRefundedFen;
          const bad =
            committed !== order.refundedFen + order.refundPendingFen ||
            order.refundedFen + order.refundPendingFen > paid ||
            order.lines.some((l) => l.refundedFen > l.lineTotal || l.refundedQuantity > l.quantity) ||
            order.deliveryRefundedFen > deliveryFee ||
            (plan.data.full && refundableAmount(order) !== 0);
          if (bad) problems.push({ seed, o, step, order });
        }
      }
    }
    expect(problems).toEqual([]);
    expect(refunds).toBeGreaterThan(3000);
  });
});

