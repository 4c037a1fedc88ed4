// multipart/form-data as @cloudbase/node-sdk sends it (the `form-data` package) for wx.openApi and
// wx.wxPayApi. Binary parts (protobuf `requestData`, `apiOptions`) carry a Content-Type header
// (`application/octet-stream`) and must stay bytes: decoding them as UTF-8 — what the platform
// FormData parser does to every part without a filename — corrupts any byte ≥ 0x80.
// Plain fields (action, apiName, envName …) have no Content-Type and come back as strings.

const CRLF = Buffer.from('\r\n');
const HEADER_END = Buffer.from('\r\n\r\n');

export function boundaryOf(contentType: string): string | null {
  const m = /boundary=(?:"([^"]+)"|([^;]+))/i.exec(contentType);
  return m ? (m[1] ?? m[2]).trim() : null;
}

/** Parse a multipart body: string values for plain fields, Buffers for parts with a type or a filename. */
export function parseMultipart(body: Buffer, boundary: string): Record<string, string | Buffer> {
  const delimiter = Buffer.from(`--${boundary}`);
  const out: Record<string, string | Buffer> = {};
  let pos = body.indexOf(delimiter);
  if (pos < 0) throw new SyntaxError('multipart body without its boundary');
  for (;;) {
    pos += delimiter.length;
    // `--` after a delimiter closes the body.
    if (body[pos] === 0x2d && body[pos + 1] === 0x2d) break;
    if (body.subarray(pos, pos + 2).equals(CRLF)) pos += 2;
    const headerEnd = body.indexOf(HEADER_END, pos);
    if (headerEnd < 0) throw new SyntaxError('multipart part without headers');
    const headers = body.subarray(pos, headerEnd).toString('utf8');
    const next = body.indexOf(delimiter, headerEnd + 4);
    if (next < 0) throw new SyntaxError('multipart part without a closing boundary');
    // The part's content ends with the CRLF that precedes the next delimiter.
    const content = body.subarray(headerEnd + 4, next - 2);
    const name = /name="([^"]*)"/i.exec(headers)?.[1];
    if (name !== undefined) {
      const binary = /^content-type:/im.test(headers) || /filename="/i.test(headers);
      out[name] = binary ? Buffer.from(content) : content.toString('utf8');
    }
    pos = next;
  }
  return out;
}
