import {
  ACTORS, canTransition, checkTransition, fulfilmentKindFor, INITIAL_STATUS, nextStatuses, ORDER_STATUS_LABELS,
  ORDER_STATUSES, ORDER_TRANSITIONS, REFUNDABLE_STATUSES, TERMINAL_STATUSES, validateTransitionTable,
  type Actor, type OrderStatus, type TransitionTable,
} from './order-state';

describe('the order state machine table', () => {
  it('passes its own start-up check: all reachable, terminal states have no exits', () => {
    expect(validateTransitionTable(ORDER_TRANSITIONS, INITIAL_STATUS, TERMINAL_STATUSES)).toEqual([]);
  });

  it('walking the whole graph from unpaid visits all 8 statuses over exactly the listed transitions', () => {
    const visited = new Set<OrderStatus>();
    const edges: string[] = [];
    const walk = (s: OrderStatus): void => {
      if (visited.has(s)) return;
      visited.add(s);
      for (const to of nextStatuses(s)) {
        edges.push(`${s}->${to}`);
        walk(to);
      }
    };
    walk(INITIAL_STATUS);
    expect([...visited].sort()).toEqual([...ORDER_STATUSES].sort());
    expect(edges.sort()).toEqual([
      'accepted->fulfilled', 'accepted->refunding', 'cancelled->paid', 'cancelled->refunding', 'completed->refunding',
      'fulfilled->completed', 'fulfilled->refunding', 'paid->accepted', 'paid->refunding', 'refunding->refunded',
      'unpaid->cancelled', 'unpaid->paid',
    ]);
    // from every status the terminal one is still reachable: no order can get stuck outside the graph
    for (const s of ORDER_STATUSES) {
      const seen = new Set<OrderStatus>([s]);
      const queue = [s];
      while (queue.length) {
        for (const to of nextStatuses(queue.shift() as OrderStatus)) {
          if (!seen.has(to)) queue.push(to);
          seen.add(to);
        }
      }
      expect(seen.has('refunded')).toBe(true);
    }
  });

  it('canTransition agrees with the table for every (from, to, actor) triple — 8×8×4 = 256 checks', () => {
    let allowed = 0;
    for (const from of ORDER_STATUSES) {
      for (const to of ORDER_STATUSES) {
        for (const actor of ACTORS) {
          const expected = (ORDER_TRANSITIONS[from][to] ?? []).includes(actor);
          expect(canTransition(from, to, actor)).toBe(expected);
          if (expected) allowed += 1;
        }
      }
    }
    expect(allowed).toBe(21);
  });

  it.each<[OrderStatus, OrderStatus, Actor, boolean]>([
    ['unpaid', 'paid', 'payment', true],
    ['unpaid', 'paid', 'buyer', false], // the client never says "paid"
    ['unpaid', 'paid', 'owner', true], // pay on pickup, checked by the server
    ['paid', 'unpaid', 'payment', false], // a duplicate notify cannot move it back
    ['paid', 'paid', 'payment', false], // nor re-apply
    ['accepted', 'paid', 'system', false],
    ['paid', 'accepted', 'buyer', false],
    ['paid', 'refunding', 'buyer', false],
    ['fulfilled', 'completed', 'buyer', true],
    ['refunded', 'refunding', 'owner', false],
    ['cancelled', 'paid', 'payment', true], // a late payment is never lost
    ['cancelled', 'paid', 'buyer', false],
    ['refunding', 'refunded', 'owner', false], // only WeChat Pay's answer finishes a refund
  ])('%s → %s by %s: %p', (from, to, actor, expected) => {
    expect(canTransition(from, to, actor)).toBe(expected);
  });

  it('checkTransition names from, to and actor in INVALID_TRANSITION', () => {
    expect(checkTransition('paid', 'accepted', 'owner')).toEqual({ ok: true, data: undefined });
    expect(checkTransition('completed', 'accepted', 'owner')).toEqual({
      ok: false, code: 'INVALID_TRANSITION', message: expect.any(String), details: { from: 'completed', to: 'accepted', actor: 'owner' },
    });
  });

  it('nextStatuses filters by actor', () => {
    expect(nextStatuses('unpaid', 'buyer')).toEqual(['cancelled']);
    expect(nextStatuses('paid', 'owner')).toEqual(['accepted', 'refunding']);
    expect(nextStatuses('refunded')).toEqual([]);
  });

  it('the owner may refund in exactly the refundable statuses', () => {
    for (const s of ORDER_STATUSES) expect(canTransition(s, 'refunding', 'owner')).toBe(REFUNDABLE_STATUSES.includes(s));
  });

  it('the start-up check catches an unreachable status, a terminal with exits and a dead end', () => {
    const broken = JSON.parse(JSON.stringify(ORDER_TRANSITIONS)) as { [k: string]: { [k: string]: Actor[] } };
    delete broken.cancelled.paid;
    delete broken.unpaid.cancelled; // cancelled now unreachable
    broken.refunded = { paid: ['owner'] }; // terminal with an exit
    broken.completed = {}; // dead end not declared terminal
    broken.paid.accepted = [];
    const problems = validateTransitionTable(broken as unknown as TransitionTable, 'unpaid', ['refunded']);
    expect(problems).toEqual(expect.arrayContaining([
      'status cancelled is unreachable from unpaid',
      'terminal status refunded has exits',
      'status completed has no exits but is not declared terminal',
      'paid → accepted: no actor may do it',
    ]));
  });

  it('every status has a Chinese label and every delivery method maps to a fulfilment kind', () => {
    for (const s of ORDER_STATUSES) expect(ORDER_STATUS_LABELS[s]).toMatch(/[\u4e00-\u9fff]/);
    expect(fulfilmentKindFor('pickup')).toBe('ready_for_pickup');
    expect(fulfilmentKindFor('local')).toBe('out_for_delivery');
    expect(fulfilmentKindFor('express')).toBe('shipped');
    expect(fulfilmentKindFor(null)).toBe('virtual');
  });
});
