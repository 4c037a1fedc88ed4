// Conformance: a handler that throws, as handler bugs do.
exports.main = async (event) => {
  throw new Error(event.message || 'conformance failure');
};
