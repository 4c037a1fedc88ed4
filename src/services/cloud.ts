// The only place that calls a cloud function (docs/architecture.md §6). weapp:
// Taro.cloud.callFunction after Taro.cloud.init; h5: the local cloud gateway
// (POST <cloud>/gateway/functions/<name> with {data} and x-wx-openid; reply {result, requestID} or
// non-2xx {errCode, errMsg}, localcloud/control/client.ts). Every function answers
// {ok: true, data} or {ok: false, code, message}; failures become a CloudError whose message comes
// from the one table of Chinese messages (core/errors.ts).
import Taro from '@tarojs/taro';
import type { ActionName, CallEvent, FunctionName, RequestPayload, ResponseData } from '../../core/contracts/registry';
import { messageFor, type Failure } from '../../core/errors';
import { cloudEnv, cloudUrl, isH5 } from '../env';
import { currentOpenid } from '../stores/session';
import { T } from '../text';

/** Not a server code: the call never reached the function, or its reply was not a result. */
export const NETWORK_ERROR = 'NETWORK_ERROR';

export class CloudError extends Error {
  constructor(readonly code: string, message: string, readonly details?: Readonly<Record<string, unknown>>) {
    super(message);
    this.name = 'CloudError';
  }
}

export function errorMessage(err: unknown): string {
  if (err instanceof CloudError) return err.message;
  return T.common.unknownError;
}

export function errorCode(err: unknown): string | null {
  return err instanceof CloudError ? err.code : null;
}

let initialised = false;

function initCloud(): void {
  if (initialised) return;
  // The deployment's env (kaidian.config.json cloudEnv): without one WeChat picks the first env created.
  Taro.cloud.init({ env: cloudEnv(), traceUser: true });
  initialised = true;
}

async function viaWeapp(name: string, data: unknown): Promise<unknown> {
  initCloud();
  try {
    const res = await Taro.cloud.callFunction({ name, data: data as Record<string, unknown> });
    return res.result;
  } catch {
    // callFunction:fail … (timeout, no network, function missing): not a business outcome.
    throw new CloudError(NETWORK_ERROR, T.common.networkError);
  }
}

async function viaGateway(name: string, data: unknown): Promise<unknown> {
  let res: Response;
  try {
    res = await fetch(`${cloudUrl()}/gateway/functions/${encodeURIComponent(name)}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-wx-openid': currentOpenid() },
      body: JSON.stringify({ data }),
    });
  } catch {
    throw new CloudError(NETWORK_ERROR, T.common.networkError);
  }
  const body = (await res.json().catch(() => null)) as { result?: unknown; errCode?: number; errMsg?: string } | null;
  if (!res.ok || body === null) throw new CloudError(NETWORK_ERROR, T.common.networkError, { errCode: body?.errCode, errMsg: body?.errMsg });
  return body.result;
}

function isFailure(value: unknown): value is Failure {
  return typeof value === 'object' && value !== null && (value as { ok?: unknown }).ok === false;
}

/** Calls `fn` with `{action, payload}` (core/contracts/registry.ts CallEvent) and returns `data`. */
export async function call<F extends FunctionName, A extends ActionName<F>>(
  fn: F,
  action: A,
  payload: RequestPayload<F, A>,
): Promise<ResponseData<F, A>> {
  const event: CallEvent<F, A> = { action, payload };
  const result = isH5() ? await viaGateway(fn, event) : await viaWeapp(fn, event);
  if (isFailure(result)) throw new CloudError(result.code, messageFor(result.code), result.details);
  if (typeof result === 'object' && result !== null && (result as { ok?: unknown }).ok === true) {
    return (result as { data: ResponseData<F, A> }).data;
  }
  throw new CloudError(NETWORK_ERROR, T.common.unknownError);
}
