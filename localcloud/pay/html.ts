// Server-rendered pages of the local cloud (cashier, outbox): an escape helper, a phone-sized shell
// and money formatting. Everything user-provided goes through `esc`; nothing is injected raw.

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function esc(value: unknown): string {
  return String(value ?? '').replace(/[&<>"']/g, (c) => ENTITIES[c]);
}

/** Integer fen → "12.34" (yuan only appears when formatting for a screen). */
export function yuan(fen: number): string {
  const sign = fen < 0 ? '-' : '';
  const abs = Math.abs(fen);
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}

/** A complete page. `body` must already be escaped markup; `script` is our own inline code only. */
export function page(title: string, body: string, script = ''): string {
  return `<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1, maximum-scale=1">
<title>${esc(title)}</title>
<style>
  * { box-sizing: border-box; }
  body { margin: 0; font-family: -apple-system, "PingFang SC", "Noto Sans CJK SC", "Microsoft YaHei", sans-serif;
         background: #ededed; color: #191919; }
  main { max-width: 480px; margin: 0 auto; padding: 24px 16px 32px; }
  .badge { text-align: center; color: #888; font-size: 13px; margin-bottom: 20px; }
  .card { background: #fff; border-radius: 12px; padding: 28px 20px; text-align: center; }
  .merchant { font-size: 17px; }
  .desc { color: #666; font-size: 14px; margin-top: 6px; word-break: break-all; }
  .amount { font-size: 42px; font-weight: 600; margin: 18px 0 6px; letter-spacing: 1px; }
  .amount small { font-size: 26px; margin-right: 2px; }
  .meta { color: #aaa; font-size: 12px; word-break: break-all; }
  .state { margin-top: 14px; font-size: 15px; }
  .actions { margin-top: 28px; display: grid; gap: 12px; }
  button, .button { display: block; width: 100%; padding: 14px; font-size: 17px; border-radius: 8px; border: 0;
                    text-align: center; text-decoration: none; cursor: pointer; }
  .primary { background: #07c160; color: #fff; }
  .secondary { background: #f2f2f2; color: #191919; }
  .danger { background: #fff; color: #fa5151; border: 1px solid #f2f2f2; }
  button:disabled { opacity: .5; }
  table { width: 100%; border-collapse: collapse; background: #fff; font-size: 13px; }
  th, td { text-align: left; padding: 8px; border-bottom: 1px solid #eee; vertical-align: top; word-break: break-all; }
  pre { margin: 0; white-space: pre-wrap; font-size: 12px; }
  h1 { font-size: 20px; }
  .item { text-align: left; padding: 14px 16px; margin-top: 12px; }
  .item p { margin: 8px 0; line-height: 1.5; word-break: break-all; }
</style>
</head>
<body>
<main>
${body}
</main>
${script ? `<script>${script}</script>` : ''}
</body>
</html>`;
}
