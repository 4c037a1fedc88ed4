// The HTTP side of cloud storage, standing in for COS and the client upload:
//   GET  /storage/<token>/<cloudPath>  a temp URL (getTempFileURL, downloadFile) — refused once the
//                                      virtual clock passes its maxAge, like a COS signed URL
//   PUT  /storage/upload/<token>       where the SDK PUTs the bytes after storage.getUploadMetadata
//   POST /gateway/upload?cloudPath=…   a client upload from the H5 build (ControlClient.clientUpload)
//   POST /gateway/temp-file-urls       a client getTempFileURL; GET /gateway/download?fileID=… downloadFile
//   POST /control/storage/files?…      put a file as a function would (tests and seeding; no rules)
//   GET/POST /control/storage-rules    read or replace the rules in force
// Client requests (/gateway/*) obey the storage security rules (./rules.ts); a refusal is
// -503002 "storage permission denied" (TCB_STORAGE_PERMISSION_DENIED in the SDK's table).
// COS answers errors with an XML <Error> document; @cloudbase/node-sdk parses exactly the Code, Message,
// RequestId and TraceId elements of an upload reply, so every error here carries all four.
import path from 'node:path';
import { createHash, randomBytes } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import type { Route } from '../http';
import { sendJson, sendText } from '../http';
import { formatFileId, invalidCloudPath } from './fileid';
import type { FileStorage } from './storage';
import { StorageRules } from './rules';
import { HttpError } from '../http';

const DENIED = { status: -503002, errMsg: 'storage permission denied' } as const;

function openidOf(req: { headers: Record<string, string | string[] | undefined> }): string | undefined {
  const h = req.headers['x-wx-openid'];
  return typeof h === 'string' && h ? h : undefined;
}

const CONTENT_TYPES: Record<string, string> = {
  '.txt': 'text/plain; charset=utf-8',
  '.json': 'application/json',
  '.html': 'text/html; charset=utf-8',
  '.csv': 'text/csv; charset=utf-8',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.svg': 'image/svg+xml',
  '.pdf': 'application/pdf',
  '.zip': 'application/zip',
  '.mp3': 'audio/mpeg',
  '.mp4': 'video/mp4',
  '.epub': 'application/epub+zip',
};

export function contentTypeOf(cloudPath: string): string {
  return CONTENT_TYPES[path.extname(cloudPath).toLowerCase()] ?? 'application/octet-stream';
}

function escapeXml(s: string): string {
  return s.replace(/[<>&'"]/g, (c) => `&#${c.charCodeAt(0)};`);
}

export function sendCosError(res: ServerResponse, status: number, code: string, message: string, resource: string): void {
  const requestId = randomBytes(12).toString('base64');
  const xml = "<?xml version='1.0' encoding='utf-8' ?>\n<Error>\n"
    + `  <Code>${escapeXml(code)}</Code>\n  <Message>${escapeXml(message)}</Message>\n`
    + `  <Resource>${escapeXml(resource)}</Resource>\n  <RequestId>${requestId}</RequestId>\n`
    + `  <TraceId>${randomBytes(24).toString('base64')}</TraceId>\n</Error>`;
  sendText(res, status, xml, 'application/xml');
}

export function storageRoutes(storage: FileStorage): Route[] {
  return [
    { method: 'GET', path: '/storage/:token/*', handler: ({ res, params, url }) => {
      const claims = storage.signer.verify(params.token);
      if (!claims || claims.purpose !== 'download') {
        return sendCosError(res, 403, 'AccessDenied', 'Access Denied.', url.pathname);
      }
      if (storage.cloud.now() >= claims.expiresAt) {
        return sendCosError(res, 403, 'AccessDenied', 'Request has expired', url.pathname);
      }
      const file = storage.blobs.get(claims.envId, claims.cloudPath);
      if (!file) return sendCosError(res, 404, 'NoSuchKey', 'The specified key does not exist.', `/${claims.cloudPath}`);
      res.writeHead(200, {
        'content-type': contentTypeOf(claims.cloudPath),
        'content-length': file.content.length,
        'last-modified': new Date(file.meta.uploadedAt).toUTCString(),
      });
      res.end(file.content);
    } },

    { method: 'PUT', path: '/storage/upload/:token', handler: async (ctx) => {
      const content = await ctx.body();
      const outcome = storage.acceptUpload(ctx.params.token, content);
      if (!outcome.ok) {
        const message = outcome.reason === 'expired' ? 'Request has expired' : 'The request signature we calculated does not match the signature you provided.';
        return sendCosError(ctx.res, 403, outcome.reason === 'expired' ? 'AccessDenied' : 'SignatureDoesNotMatch', message, ctx.url.pathname);
      }
      // COS answers a simple upload with an empty body and the content's MD5 as ETag.
      ctx.res.writeHead(200, { etag: `"${createHash('md5').update(content).digest('hex')}"`, 'content-length': 0 });
      ctx.res.end();
    } },

    { method: 'POST', path: '/gateway/upload', handler: async (ctx) => {
      const cloudPath = ctx.url.searchParams.get('cloudPath') ?? '';
      const problem = invalidCloudPath(cloudPath);
      // The client SDK reports this as uploadFile:fail with the tcb INVALID_PARAM code (-501007).
      if (problem) return sendJson(ctx.res, 400, { errCode: -501007, errMsg: `uploadFile:fail ${problem}` });
      const content = await ctx.body();
      const openid = openidOf(ctx.req);
      if (!storage.clientMay('write', openid, formatFileId(storage.cloud.envId, cloudPath), openid)) {
        return sendJson(ctx.res, 403, { errCode: DENIED.status, errMsg: `uploadFile:fail ${DENIED.status} ${DENIED.errMsg}` });
      }
      const fileID = storage.write(cloudPath, content, { openid });
      sendJson(ctx.res, 200, { fileID, statusCode: 200, errMsg: 'uploadFile:ok' });
    } },

    { method: 'GET', path: '/gateway/download', handler: ({ req, res, url }) => {
      const fileID = url.searchParams.get('fileID') ?? '';
      if (!storage.exists(fileID)) return sendJson(res, 404, { errCode: -503003, errMsg: 'downloadFile:fail -503003 storage file not exists' });
      if (!storage.clientMay('read', openidOf(req), fileID)) {
        return sendJson(res, 403, { errCode: DENIED.status, errMsg: `downloadFile:fail ${DENIED.status} ${DENIED.errMsg}` });
      }
      const content = storage.read(fileID)!;
      res.writeHead(200, { 'content-type': contentTypeOf(fileID), 'content-length': content.length });
      res.end(content);
    } },

    { method: 'POST', path: '/control/storage/files', handler: async (ctx) => {
      const cloudPath = ctx.url.searchParams.get('cloudPath') ?? '';
      const problem = invalidCloudPath(cloudPath);
      if (problem) throw new HttpError(400, problem);
      const fileID = storage.write(cloudPath, await ctx.body(), { openid: ctx.url.searchParams.get('openid') || undefined });
      sendJson(ctx.res, 200, { fileID });
    } },
    { method: 'GET', path: '/control/storage-rules', handler: ({ res }) => sendJson(res, 200, { rules: storage.rules.source }) },
    { method: 'POST', path: '/control/storage-rules', handler: async (ctx) => {
      try {
        storage.rules = new StorageRules(await ctx.json<Record<string, unknown>>());
      } catch (err) {
        throw new HttpError(400, (err as Error).message);
      }
      sendJson(ctx.res, 200, { rules: storage.rules.source });
    } },

    // The client's wx.cloud.getTempFileURL for the H5 build, which cannot show cloud:// ids as the
    // mini-program's <image> does (src/services/images.ts). Same item shape as docs/wechat-contracts.md §1.6; ≤ 50 per call.
    { method: 'POST', path: '/gateway/temp-file-urls', handler: async (ctx) => {
      const { fileList } = await ctx.json<{ fileList?: unknown }>();
      if (!Array.isArray(fileList) || fileList.length > 50 || fileList.some((f) => typeof f !== 'string')) {
        return sendJson(ctx.res, 400, { errCode: -501007, errMsg: 'getTempFileURL:fail fileList must be 1-50 fileID strings' });
      }
      const openid = openidOf(ctx.req);
      const items = (fileList as string[]).map((fileID) => {
        if (storage.exists(fileID) && !storage.clientMay('read', openid, fileID)) {
          return { fileID, tempFileURL: '', maxAge: 86400, ...DENIED };
        }
        const url = storage.tempUrl(fileID);
        return url
          ? { fileID, tempFileURL: url, maxAge: 86400, status: 0, errMsg: 'ok' }
          : { fileID, tempFileURL: '', maxAge: 86400, status: -503003, errMsg: 'storage file not exists' };
      });
      sendJson(ctx.res, 200, { fileList: items, errMsg: 'getTempFileURL:ok' });
    } },
  ];
}
