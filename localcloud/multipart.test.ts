// The multipart parser of /admin keeps protobuf parts byte-exact (wx.openApi requestData).
import { boundaryOf, parseMultipart } from './multipart';

test('binary parts stay bytes (every value 0..255) and plain fields come back as strings', async () => {
  const bytes = Buffer.from(Array.from({ length: 256 }, (_, i) => i));
  const form = new FormData();
  form.append('action', 'wx.openApi');
  form.append('apiName', 'subscribeMessage.send');
  form.append('requestData', new Blob([new Uint8Array(bytes)], { type: 'application/octet-stream' }), 'blob');
  const req = new Request('http://127.0.0.1/', { method: 'POST', body: form });
  const body = Buffer.from(await req.arrayBuffer());
  const params = parseMultipart(body, boundaryOf(req.headers.get('content-type') ?? '')!);
  expect(params.action).toBe('wx.openApi');
  expect(params.apiName).toBe('subscribeMessage.send');
  expect(Buffer.isBuffer(params.requestData)).toBe(true);
  expect((params.requestData as Buffer).equals(bytes)).toBe(true);
});

test('a body without its boundary is refused', () => {
  expect(() => parseMultipart(Buffer.from('nothing here'), 'xyz')).toThrow(SyntaxError);
});
