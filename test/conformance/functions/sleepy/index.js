// Conformance: no config.json, so the platform default timeout (3 s, docs/wechat-contracts.md §6) applies.
exports.main = async (event) => {
  await new Promise((resolve) => setTimeout(resolve, event.ms === undefined ? 10000 : event.ms));
  return { slept: event.ms };
};
