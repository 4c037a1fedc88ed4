// The protobuf envelope of `action=wx.openApi` (docs/wechat-contracts.md §10), with the field numbers of the
// generated code in wx-server-sdk 4.0.2 (src/protobuf/openapi.js): the request is a CommApiData whose
// OpenApiData pairs hold each parameter as JSON bytes; the reply is a CommOpenApiResp carrying either
// the WeChat API's own body (`respData` + `contentType`) or a platform `errorCode` (e.g. -604101).
import protobuf from 'protobufjs';

const root = protobuf.Root.fromJSON({
  nested: {
    KeyValuePair: {
      fields: {
        key: { type: 'string', id: 1 },
        value: { type: 'bytes', id: 2 },
        contenttype: { type: 'string', id: 3 },
        filename: { type: 'string', id: 4 },
      },
    },
    OpenApiData: { fields: { pairs: { rule: 'repeated', type: 'KeyValuePair', id: 1 } } },
    SvrkitApiData: { fields: { apiName: { type: 'string', id: 1 }, reqData: { type: 'bytes', id: 2 } } },
    CommApiData: {
      fields: {
        apiType: { type: 'int32', id: 1 },
        openapiData: { type: 'OpenApiData', id: 2 },
        svrkitData: { type: 'SvrkitApiData', id: 4 },
        appid: { type: 'string', id: 6 },
      },
    },
    // cloud.getOpenData (src/api/open/api/getOpenData.ts): a svrkit call named ApiGetOpenDataByCloudId.
    ApiGetOpenDataByCloudIdReq: { fields: { cloudidList: { rule: 'repeated', type: 'string', id: 2 }, appid: { type: 'string', id: 3 } } },
    OpDataItem: { fields: { cloudId: { type: 'string', id: 1 }, json: { type: 'string', id: 2 } } },
    ApiGetOpenDataByCloudIdResp: { fields: { dataList: { rule: 'repeated', type: 'OpDataItem', id: 1 } } },
    HttpHeader: { fields: { key: { type: 'string', id: 1 }, value: { type: 'string', id: 2 } } },
    CommOpenApiResp: {
      fields: {
        respData: { type: 'bytes', id: 1 },
        contentType: { type: 'string', id: 2 },
        errorCode: { type: 'int32', id: 3 },
        httpCode: { type: 'uint32', id: 4 },
        headers: { rule: 'repeated', type: 'HttpHeader', id: 5 },
        svrkitErrorCode: { type: 'int32', id: 6 },
      },
    },
  },
});

const CommApiData = root.lookupType('CommApiData');
const CommOpenApiResp = root.lookupType('CommOpenApiResp');
const OpenDataReq = root.lookupType('ApiGetOpenDataByCloudIdReq');
const OpenDataResp = root.lookupType('ApiGetOpenDataByCloudIdResp');

/** wx-server-sdk ERR_CODE texts for the platform codes the local cloud answers with (§1.4). */
export const ERR_TEXT: Record<number, string> = {
  [-604100]: 'API not found',
  [-604101]: 'function has no permission to call this API',
  [-604104]: 'illegal source of invocation',
  [-601001]: 'system error',
};

export interface OpenApiRequest {
  appid?: string;
  /** Each pair's JSON value parsed; media pairs (no JSON) kept as Buffers. */
  params: Record<string, unknown>;
}

/** Decode the SDK's request: every pair's value is `JSONBigInt.stringify(value)` (or raw media bytes). */
export function decodeRequest(bytes: Buffer): OpenApiRequest {
  const msg = CommApiData.toObject(CommApiData.decode(bytes), { defaults: false }) as {
    appid?: string;
    openapiData?: { pairs?: { key: string; value?: Uint8Array; contenttype?: string; filename?: string }[] };
  };
  const params: Record<string, unknown> = {};
  for (const pair of msg.openapiData?.pairs ?? []) {
    const value = Buffer.from(pair.value ?? []);
    if (pair.contenttype || pair.filename) {
      params[pair.key] = value;
      continue;
    }
    // Media parts ({ contentType, value: Buffer }, e.g. imgSecCheck's `media`) arrive as their raw
    // bytes: the SDK builds the pair with a camelCase `contentType` that the protobuf type drops, so
    // "not JSON" is what marks them (every other value is JSONBigInt.stringify output).
    try {
      params[pair.key] = JSON.parse(value.toString('utf8'));
    } catch {
      params[pair.key] = value;
    }
  }
  return { appid: msg.appid, params };
}

/** The CloudIDs of a cloud.getOpenData request. */
export function decodeOpenDataRequest(bytes: Buffer): string[] {
  const msg = CommApiData.toObject(CommApiData.decode(bytes)) as { svrkitData?: { reqData?: Uint8Array } };
  const req = OpenDataReq.toObject(OpenDataReq.decode(msg.svrkitData?.reqData ?? new Uint8Array())) as { cloudidList?: string[] };
  return req.cloudidList ?? [];
}

/** The svrkit reply of cloud.getOpenData: one JSON string per CloudID, in order. */
export function encodeOpenDataReply(items: { cloudId: string; json: string }[]): Buffer {
  const respData = OpenDataResp.encode(OpenDataResp.create({ dataList: items })).finish();
  return Buffer.from(CommOpenApiResp.encode(CommOpenApiResp.create({ respData, svrkitErrorCode: 0, httpCode: 200 })).finish());
}

/** The WeChat API answered: its body and content type, as the SDK decodes them (§1.7). */
export function encodeReply(body: Buffer, contentType: string): Buffer {
  return Buffer.from(CommOpenApiResp.encode(CommOpenApiResp.create({ respData: body, contentType, httpCode: 200 })).finish());
}

/** A WeChat error reply (`{errcode, errmsg}` JSON) — the SDK throws `openapi.<api>:fail <errmsg>` with that errCode. */
export function encodeWxError(errcode: number, errmsg: string): Buffer {
  return encodeReply(Buffer.from(JSON.stringify({ errcode, errmsg })), 'application/json; charset=UTF-8');
}

/** A platform refusal (no permission, unknown API): only `errorCode` is set. */
export function encodePlatformError(errorCode: number): Buffer {
  return Buffer.from(CommOpenApiResp.encode(CommOpenApiResp.create({ errorCode })).finish());
}
