// The server's half of the storage layout (core/contracts/storage.ts): every fileID an owner puts on a
// product (photos, digital file) or a shop (logo) must be in this environment's bucket and under that
// shop's own folder. Without it, any owner could list another shop's paid file on a 1-fen product, buy
// it, and have orders.download sign it with the function's admin rights.
import { fail, ok, type Result } from '../../core/errors';
import { fileAllowed, shopFolder, type FileKind } from '../../core/contracts/storage';
import { sdk } from '../wechat/sdk';

/** The running function's environment (getWXContext().ENV, docs/wechat-contracts.md §1.3); '' when unknown, which refuses every file. */
function currentEnv(): string {
  const env = (sdk().getWXContext() as { ENV?: unknown }).ENV;
  return typeof env === 'string' ? env : '';
}

/** One fileID a request wants to store, the kind of use, and the request field it came from. */
export interface FileRef {
  fileID: string | null | undefined;
  kind: FileKind;
  field: string;
}

export const photoRefs = (photos: readonly string[] | undefined, field = 'photos'): FileRef[] =>
  (photos ?? []).map((fileID, i) => ({ fileID, kind: 'picture', field: `${field}.${i}` }));

/** The photos of option values (only the first group has them, core/options.ts). */
export const optionPhotoRefs = (options: { groups: { values: { photo: string | null }[] }[] } | null | undefined, field = 'options'): FileRef[] =>
  (options?.groups[0]?.values ?? []).map((v, i) => ({ fileID: v.photo, kind: 'picture' as const, field: `${field}.groups.0.values.${i}.photo` }));

/** FILE_NOT_IN_SHOP naming the first fileID the shop may not use (its field and a short tail, not the whole id). */
export function checkShopFiles(shopId: string, refs: readonly FileRef[]): Result<true> {
  const env = currentEnv();
  for (const { fileID, kind, field } of refs) {
    if (typeof fileID === 'string' && !fileAllowed(fileID, env, shopId, kind)) {
      const expected = kind === 'digital' ? `cloud://${env}.…/${shopFolder(shopId, 'files')}/…` : `cloud://${env}.…/shops/${shopId}/…`;
      return fail('FILE_NOT_IN_SHOP', { field, expected, received: `…${fileID.slice(-40)}` });
    }
  }
  return ok(true);
}
