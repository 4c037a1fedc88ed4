// security.mediaCheckAsync verdicts, delivered later (WeChat: "within 30 minutes") as a message-push
// event `Event: 'wxa_media_check'` to the function configured for it — `mediaCheckFunction` in
// localcloud.config.json or POST /control/security/rules — as the console's 消息推送 → 云函数 setting
// does. The event also lands in the outbox, so a test can read it when no function is configured.
import type { LocalCloud } from '../index';
import type { ContentSecurity } from './security';

/** Virtual ms between the request and the verdict [INF: real checks take seconds to minutes]. */
export const MEDIA_CHECK_DELAY_MS = 30_000;
/** [INF] message pushes carry no caller; SOURCE is none of the documented ones. */
export const MESSAGE_PUSH_SOURCE = 'wx_unknown';

export class MediaChecks {
  /** Set through the control API; the config file's mediaCheckFunction otherwise. */
  functionName: string | undefined;

  constructor(private readonly cloud: LocalCloud, private readonly security: ContentSecurity) {}

  schedule(job: { traceId: string; url: string; version: number }): void {
    const at = this.cloud.now() + MEDIA_CHECK_DELAY_MS;
    this.cloud.clock.at(at, () => this.deliver({ ...job, at }));
  }

  private async deliver(job: { traceId: string; url: string; version: number; at: number }): Promise<void> {
    const event = this.security.mediaEvent({ ...job, appId: this.cloud.config.appId }, this.localContent(job.url));
    const functionName = this.functionName ?? this.cloud.config.mediaCheckFunction;
    this.cloud.openapi.outbox.add({ kind: 'mediaCheck', at: job.at, functionName, payload: event });
    if (functionName) await this.cloud.functions.invoke(functionName, event, { source: MESSAGE_PUSH_SOURCE });
  }

  /** The bytes behind a temp URL of this local cloud, so image-hash rules apply to uploaded files too. */
  private localContent(url: string): Buffer | undefined {
    const m = /\/storage\/([^/]+)\//.exec(url);
    if (!m || !url.startsWith(this.cloud.url)) return undefined;
    const claims = this.cloud.storage.signer.verify(decodeURIComponent(m[1]));
    return claims ? this.cloud.storage.blobs.get(claims.envId, claims.cloudPath)?.content : undefined;
  }

  reset(): void {
    this.functionName = undefined;
  }
}
