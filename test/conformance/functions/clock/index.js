// What time zone a function sees (docs/wechat-contracts.md §1.3a: UTC unless its environment sets TZ), and
// which of its configured environment variables it can read.
exports.main = async () => {
  const d = new Date(Date.UTC(2025, 0, 15, 17, 30)); // 01:30 next day in Beijing
  return {
    tz: process.env.TZ,
    zone: Intl.DateTimeFormat().resolvedOptions().timeZone,
    offsetMinutes: d.getTimezoneOffset(),
    hours: d.getHours(),
    date: d.getDate(),
    text: d.toString(),
    secret: process.env.PAY_API_V3_KEY,
    shared: process.env.SHARED_NAME,
  };
};
