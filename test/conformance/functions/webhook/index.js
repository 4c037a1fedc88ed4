// An HTTP 访问服务 target: answers as event.queryStringParameters.reply says, so one function shows
// every mapping of a result to HTTP (docs/wechat-contracts.md §4.6, §5.2).
exports.main = async (event) => {
  const reply = event.queryStringParameters.reply;
  if (reply === 'integration') {
    return { statusCode: 204, headers: { 'x-seen-path': event.path }, body: '', isBase64Encoded: false };
  }
  if (reply === 'binary') {
    return { statusCode: 200, headers: { 'content-type': 'image/png' }, body: Buffer.from([137, 80, 78, 71]).toString('base64'), isBase64Encoded: true };
  }
  if (reply === 'text') return 'success';
  if (reply === 'throw') throw new Error('webhook failed');
  return { event };
};
