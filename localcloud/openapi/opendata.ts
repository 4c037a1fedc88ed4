// Open data by CloudID (docs/wechat-contracts.md §1.7a). On WeChat, open-ability APIs (getWeRunData, the
// phone-number button …) hand the mini-program a `cloudID` valid for five minutes; a function turns
// it into the data with `cloud.getOpenData({ list })`, or the client passes `wx.cloud.CloudID(id)` as
// a top-level field of callFunction's data and the platform swaps it for `{ cloudID, data }` (at most
// five per call; nested ones arrive as the plain id string). Locally the control API mints the ids
// (POST /control/open-data) with the data a test wants, bound to one user as the real ones are.
import { randomBytes } from 'node:crypto';

/** "cloudID 有效期五分钟" [DOC]. */
export const CLOUD_ID_TTL_MS = 5 * 60_000;
/** "一次调用最多可替换 5 个 cloudID" [DOC]. */
export const MAX_REPLACED_PER_CALL = 5;
/** How the gateway spells `wx.cloud.CloudID(id)` in JSON (local only; the real client SDK marks it its own way). */
export const CLOUD_ID_MARKER = '$cloudID';

interface Minted {
  openid: string;
  data: Record<string, unknown>;
  expiresAt: number;
}

export type OpenDataItem =
  | { cloudID: string; data: Record<string, unknown> }
  | { cloudID: string; errCode: number; errMsg: string };

export class OpenDataStore {
  private ids = new Map<string, Minted>();

  constructor(private readonly now: () => number, private readonly appId: () => string) {}

  /** A new CloudID for `openid`; a `watermark` (appid + seconds) is added as WeChat adds one. */
  mint(openid: string, data: Record<string, unknown>): string {
    const cloudID = `27_${randomBytes(30).toString('base64url')}`;
    const watermark = { appid: this.appId(), timestamp: Math.floor(this.now() / 1000) };
    this.ids.set(cloudID, { openid, data: { ...data, watermark: data.watermark ?? watermark }, expiresAt: this.now() + CLOUD_ID_TTL_MS });
    return cloudID;
  }

  /** The data behind one id, or the documented error object (-601005 invalid, -601006 expired, -601007 other user). */
  resolve(cloudID: string, openid: string | undefined): OpenDataItem {
    const minted = this.ids.get(cloudID);
    if (!minted) return { cloudID, errCode: -601005, errMsg: 'invalid cloudID.' };
    if (this.now() >= minted.expiresAt) return { cloudID, errCode: -601006, errMsg: 'cloudID expired.' };
    if (minted.openid !== openid) return { cloudID, errCode: -601007, errMsg: 'cloudID and calling user does not match.' };
    return { cloudID, data: minted.data };
  }

  /** A client call's data with its top-level CloudIDs swapped for open data; the rest become plain ids. */
  replaceInEvent(data: Record<string, unknown>, openid: string | undefined): Record<string, unknown> {
    let replaced = 0;
    const swap = (value: unknown, top: boolean): unknown => {
      const id = markerId(value);
      if (id !== undefined) return top && replaced++ < MAX_REPLACED_PER_CALL ? this.resolve(id, openid) : id;
      if (Array.isArray(value)) return value.some((v) => markerId(v) !== undefined) ? value.map((v) => swap(v, false)) : value;
      if (value && typeof value === 'object') {
        const entries = Object.entries(value as Record<string, unknown>);
        return entries.some(([, v]) => markerId(v) !== undefined) ? Object.fromEntries(entries.map(([k, v]) => [k, swap(v, false)])) : value;
      }
      return value;
    };
    return Object.fromEntries(Object.entries(data).map(([k, v]) => [k, swap(v, true)]));
  }

  reset(): void {
    this.ids.clear();
  }
}

function markerId(value: unknown): string | undefined {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return undefined;
  const keys = Object.keys(value);
  const id = (value as Record<string, unknown>)[CLOUD_ID_MARKER];
  return keys.length === 1 && typeof id === 'string' ? id : undefined;
}
