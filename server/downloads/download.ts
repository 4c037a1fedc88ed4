// orders.download (PRODUCT.md digital goods): a short-lived temp URL, DOWNLOAD_LIMIT after the allowed number.
import { fail, type Result } from '../../core/errors';
import type { DownloadResult } from '../../core/contracts/views';
import type { OperationContext } from '../handler';

export async function downloadOperation(payload: { orderId: string; lineNo: number }, ctx: OperationContext): Promise<Result<DownloadResult>> {
  void payload; void ctx;
  return fail('UNKNOWN_ACTION', { action: 'download' });
}
