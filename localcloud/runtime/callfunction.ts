// functions.invokeFunction: what `cloud.callFunction({ name, data })` inside a function sends
// (node-sdk src/functions/index.ts: params function_name + request_data, a JSON string).
// The callee runs with SOURCE "<caller's SOURCE>,scf" and the caller's OPENID (docs/wechat-contracts.md §1.3).
// Success replies `{ data: { response_data: "<JSON>" }, requestId }`, which the SDK parses into
// `{ result, requestID, errMsg: 'callFunction:ok' }` (§1.5); failures reply `{ code, message }`.
import type { ActionHandler } from '../types';
import { ServiceError } from '../types';
import type { FunctionRuntime } from './runtime';
import { serverFailure } from './outcomes';
import { eventProblem, parseJson } from './payload';

export function invokeFunctionAction(runtime: FunctionRuntime): ActionHandler {
  return async (call) => {
    const name = call.params.function_name;
    if (typeof name !== 'string' || !name) throw new ServiceError('INVALID_PARAM', '函数名不能为空');
    const raw = call.params.request_data;
    let event: unknown = {};
    if (typeof raw === 'string' && raw !== '') {
      const parsed = parseJson(raw);
      if (!parsed.ok) throw new ServiceError('INVALID_PARAM', 'request_data is not valid JSON');
      const problem = eventProblem(parsed.value, Buffer.byteLength(raw));
      if (problem) throw new ServiceError(problem.code, `[${problem.code}] ${problem.message}`);
      event = parsed.value;
    }
    const caller = call.invocation;
    const outcome = await runtime.invoke(name, event, {
      source: caller ? `${caller.source},scf` : 'scf',
      openid: caller?.openid,
      unionid: caller?.unionid,
    });
    if (outcome.ok) {
      // The callee's request id, so the caller's `requestID` names the invocation that ran.
      return { data: { response_data: JSON.stringify(outcome.result) }, requestId: outcome.requestId };
    }
    const timeoutS = runtime.config(name)?.timeout;
    throw serverFailure(outcome, { text: outcome.message, timeoutS });
  };
}
