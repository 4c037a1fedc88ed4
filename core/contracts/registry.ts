// The registry of every cloud function's contract, and the types the mini-program and server/ use:
//   Payload<'confirmOrder', 'place'>      what the server receives (validated, defaults filled in)
//   RequestPayload<'confirmOrder', 'place'> what the client sends
//   ResponseData<'confirmOrder', 'place'>   `data` of `{ ok: true, data }`
import type * as v from 'valibot';
import { confirmOrderActions, type ConfirmOrderResponses } from './confirm-order';
import { membershipActions, type MembershipResponses } from './membership';
import { ordersActions, type OrdersResponses } from './orders';
import { shopAdminActions, type ShopAdminResponses } from './shop-admin';
import { storefrontActions, type StorefrontResponses } from './storefront';
import {
  mediaCheckActions, payNotifyActions, refundNotifyActions, routeMediaCheck, routePayNotify, routeRefundNotify, routeSweeper,
  sweeperActions, type MediaCheckResponses, type PayNotifyResponses, type RefundNotifyResponses, type Routed, type SweeperResponses,
} from './wechat-events';

type AnySchema = v.GenericSchema;

export interface FunctionContract<A extends Record<string, AnySchema>> {
  actions: A;
  /**
   * How an event names its action. Absent: the `{ action, payload }` envelope the mini-program sends
   * (other top-level keys, like the `userInfo` WeChat adds, are ignored). Returning null falls back to it.
   */
  route?: (event: unknown) => Routed;
}

const contract = <A extends Record<string, AnySchema>>(actions: A, route?: FunctionContract<A>['route']): FunctionContract<A> =>
  route ? { actions, route } : { actions };

export const CONTRACTS = {
  confirmOrder: contract(confirmOrderActions),
  payNotify: contract(payNotifyActions, routePayNotify),
  storefront: contract(storefrontActions),
  shopAdmin: contract(shopAdminActions),
  orders: contract(ordersActions),
  membership: contract(membershipActions),
  refundNotify: contract(refundNotifyActions, routeRefundNotify),
  sweeper: contract(sweeperActions, routeSweeper),
  contentCheck: contract(mediaCheckActions, routeMediaCheck),
};

export type FunctionName = keyof typeof CONTRACTS;
export const FUNCTION_NAMES = Object.keys(CONTRACTS) as FunctionName[];

type Actions<F extends FunctionName> = (typeof CONTRACTS)[F]['actions'];
export type ActionName<F extends FunctionName> = keyof Actions<F> & string;
type SchemaOf<F extends FunctionName, A extends ActionName<F>> = Actions<F>[A] extends infer S extends AnySchema ? S : never;
export type Payload<F extends FunctionName, A extends ActionName<F>> = v.InferOutput<SchemaOf<F, A>>;
export type RequestPayload<F extends FunctionName, A extends ActionName<F>> = v.InferInput<SchemaOf<F, A>>;

export interface ResponseMap {
  confirmOrder: ConfirmOrderResponses;
  payNotify: PayNotifyResponses;
  storefront: StorefrontResponses;
  shopAdmin: ShopAdminResponses;
  orders: OrdersResponses;
  membership: MembershipResponses;
  refundNotify: RefundNotifyResponses;
  sweeper: SweeperResponses;
  contentCheck: MediaCheckResponses;
}

export type ResponseData<F extends FunctionName, A extends ActionName<F>> = A extends keyof ResponseMap[F] ? ResponseMap[F][A] : never;

/** The `data` a mini-program passes to callFunction for one action. */
export interface CallEvent<F extends FunctionName, A extends ActionName<F>> {
  action: A;
  payload: RequestPayload<F, A>;
}

/** What parseRequest returns for a function: one member per action, so `switch (req.action)` narrows the payload. */
export type ParsedRequest<F extends FunctionName> = { [A in ActionName<F>]: { action: A; payload: Payload<F, A> } }[ActionName<F>];

export function actionNames<F extends FunctionName>(fn: F): ActionName<F>[] {
  return Object.keys(CONTRACTS[fn].actions) as ActionName<F>[];
}
