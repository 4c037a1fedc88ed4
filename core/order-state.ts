// The order lifecycle is data (docs/style.md §2, Vendure's transition table): `from → to → who may`.
// Every status change in the database is a compare-and-set on the current status
// (`where({ _id, status: from }).update(...)`, `stats.updated === 1`), so a duplicate or late
// event (docs/wechat-contracts.md §7.1: notifies repeat) can never move an order backwards.
//
// Decisions (docs/product.md §16):
// - `fulfilled` is ONE status; how it was fulfilled is the order's `fulfilment.kind` sub-state
//   (ready_for_pickup | out_for_delivery | shipped | virtual). All kinds move on the same way, so
//   three statuses would triple the table for nothing. Updating the sub-state (e.g. ready → shipped)
//   is not a transition: the server guards it with `status: 'fulfilled'`.
// - Partial refunds do NOT change the status: they are refund documents plus the order's
//   `refundedFen` / `refundPendingFen`. A refund that returns everything still refundable moves the
//   order to `refunding`, and its success to `refunded`. A failed refund leaves the order where it is
//   and is retried with the same `outRefundNo` (docs/wechat-contracts.md §3.4).
// - `cancelled` is not terminal: a payment that lands after the cancel (the close at Cloud Pay lost
//   the race) is never lost — the order is re-reserved and becomes `paid`, or is refunded in full.
// - `completed` is not terminal: the owner may still refund after handover (after-sales).
// - Virtual-only orders (membership, digital) are delivered by the server right after payment:
//   `system` may accept, fulfil (kind `virtual`) and complete them.
// - Pay-on-pickup orders stay `unpaid` until the owner marks them paid at handover (`owner` on
//   unpaid → paid; the server allows it only for paymentMethod `on_pickup`).
import { fail, ok, type Result } from './errors';

export const ORDER_STATUSES = [
  'unpaid', 'paid', 'accepted', 'fulfilled', 'completed', 'cancelled', 'refunding', 'refunded',
] as const;
export type OrderStatus = (typeof ORDER_STATUSES)[number];

export const INITIAL_STATUS: OrderStatus = 'unpaid';
export const TERMINAL_STATUSES: readonly OrderStatus[] = ['refunded'];

/** Who causes a change: the buyer, the shop owner, our timer/server logic, or WeChat Pay (notify or re-query). */
export const ACTORS = ['buyer', 'owner', 'system', 'payment'] as const;
export type Actor = (typeof ACTORS)[number];

export type TransitionTable = {
  readonly [From in OrderStatus]: { readonly [To in OrderStatus]?: readonly Actor[] };
};

export const ORDER_TRANSITIONS: TransitionTable = {
  unpaid: {
    paid: ['payment', 'owner'], // verified notify / query; owner at pay-on-pickup handover
    cancelled: ['buyer', 'system', 'owner'], // buyer cancels; timer expires it; owner: pay-on-pickup no-show
  },
  paid: {
    accepted: ['owner', 'system'], // manual acceptance, or the shop's automatic acceptance
    refunding: ['owner'], // reject, or every line sold out, or a full refund
  },
  accepted: {
    fulfilled: ['owner', 'system'], // ready / delivering / shipped; system only for virtual-only orders
    refunding: ['owner'],
  },
  fulfilled: {
    completed: ['buyer', 'owner', 'system'], // confirm receipt; owner completes; timer after the grace days
    refunding: ['owner'],
  },
  completed: {
    refunding: ['owner'], // after-sales refund
  },
  cancelled: {
    paid: ['payment'], // late payment, stock re-reserved
    refunding: ['payment', 'system'], // late payment that cannot be re-reserved: automatic full refund
  },
  refunding: {
    refunded: ['payment', 'system'], // refund notify, or the timer's refund query
  },
  refunded: {},
};

export function canTransition(from: OrderStatus, to: OrderStatus, actor: Actor, table: TransitionTable = ORDER_TRANSITIONS): boolean {
  const actors = table[from]?.[to];
  return actors !== undefined && actors.includes(actor);
}

/** Where `from` may go (for `actor`, or for anyone when no actor is given), in table order. */
export function nextStatuses(from: OrderStatus, actor?: Actor, table: TransitionTable = ORDER_TRANSITIONS): OrderStatus[] {
  const exits = table[from] ?? {};
  return ORDER_STATUSES.filter((to) => {
    const actors = exits[to];
    return actors !== undefined && (actor === undefined || actors.includes(actor));
  });
}

/** The same check as a Result, for use cases: INVALID_TRANSITION names from, to and actor. */
export function checkTransition(from: OrderStatus, to: OrderStatus, actor: Actor): Result<undefined> {
  return canTransition(from, to, actor) ? ok() : fail('INVALID_TRANSITION', { from, to, actor });
}

export function isOrderStatus(value: unknown): value is OrderStatus {
  return typeof value === 'string' && (ORDER_STATUSES as readonly string[]).includes(value);
}

/**
 * Start-up check (Vendure validates its process the same way): returns every problem found.
 * Every status reachable from the initial one; terminal statuses have no exits; every other
 * status has one; every transition names at least one known actor and a known target.
 */
export function validateTransitionTable(table: TransitionTable, initial: OrderStatus, terminal: readonly OrderStatus[]): string[] {
  const problems: string[] = [];
  for (const from of ORDER_STATUSES) {
    const exits = table[from];
    if (!exits) {
      problems.push(`status ${from} has no entry in the table`);
      continue;
    }
    for (const [to, actors] of Object.entries(exits)) {
      if (!isOrderStatus(to)) problems.push(`${from} → ${to}: unknown target status`);
      if (!actors || actors.length === 0) problems.push(`${from} → ${to}: no actor may do it`);
      for (const a of actors ?? []) if (!(ACTORS as readonly string[]).includes(a)) problems.push(`${from} → ${to}: unknown actor ${a}`);
      if (to === from) problems.push(`${from} → ${from}: self transition`);
    }
    const hasExits = Object.keys(exits).length > 0;
    if (terminal.includes(from) && hasExits) problems.push(`terminal status ${from} has exits`);
    if (!terminal.includes(from) && !hasExits) problems.push(`status ${from} has no exits but is not declared terminal`);
  }
  const seen = new Set<OrderStatus>([initial]);
  const queue: OrderStatus[] = [initial];
  while (queue.length > 0) {
    const s = queue.shift() as OrderStatus;
    for (const to of nextStatuses(s, undefined, table)) {
      if (seen.has(to)) continue;
      seen.add(to);
      queue.push(to);
    }
  }
  for (const s of ORDER_STATUSES) if (!seen.has(s)) problems.push(`status ${s} is unreachable from ${initial}`);
  return problems;
}

const problems = validateTransitionTable(ORDER_TRANSITIONS, INITIAL_STATUS, TERMINAL_STATUSES);
if (problems.length > 0) throw new Error(`order state machine is invalid: ${problems.join('; ')}`);

// ----- groups the use cases ask about -----

/** The owner's inbox "waiting" tab: money received, owner action needed. */
export const WAITING_STATUSES: readonly OrderStatus[] = ['paid', 'accepted'];
/** Statuses where the money has been received and (part of it) can still be refunded by the owner. */
export const REFUNDABLE_STATUSES: readonly OrderStatus[] = ['paid', 'accepted', 'fulfilled', 'completed'];
/** Statuses whose stock reservation has not yet been released or sold (used by the stock invariant). */
export const RESERVING_STATUSES: readonly OrderStatus[] = ['unpaid'];

/** The fulfilment sub-state of `fulfilled` (see the header). */
export const FULFILMENT_KINDS = ['ready_for_pickup', 'out_for_delivery', 'shipped', 'virtual'] as const;
export type FulfilmentKind = (typeof FULFILMENT_KINDS)[number];

export const DELIVERY_METHODS = ['pickup', 'local', 'express'] as const;
export type DeliveryMethod = (typeof DELIVERY_METHODS)[number];

/** The fulfilment kind each delivery method ends in; virtual-only orders have no delivery method. */
export function fulfilmentKindFor(method: DeliveryMethod | null): FulfilmentKind {
  switch (method) {
    case 'pickup':
      return 'ready_for_pickup';
    case 'local':
      return 'out_for_delivery';
    case 'express':
      return 'shipped';
    default:
      return 'virtual';
  }
}

/** Chinese labels for the UI (one place, docs/style.md §13). */
export const ORDER_STATUS_LABELS: { readonly [S in OrderStatus]: string } = {
  unpaid: '待付款',
  paid: '待接单',
  accepted: '待发货',
  fulfilled: '待收货',
  completed: '已完成',
  cancelled: '已取消',
  refunding: '退款中',
  refunded: '已退款',
};

export const FULFILMENT_LABELS: { readonly [K in FulfilmentKind]: string } = {
  ready_for_pickup: '待自提',
  out_for_delivery: '配送中',
  shipped: '已发货',
  virtual: '已发放',
};
