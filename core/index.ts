// core/: the pure domain shared by the mini-program (src/) and the cloud functions (server/). No SDK, no
// Taro, no I/O, no clock or randomness except what is passed in (eslint.config.mjs enforces the imports).
// Test fixtures (core/testing) are not re-exported.
export * from './errors';
export * from './money';
export * from './time';
export * from './prng';
export * from './ids';
export * from './order-state';
export * from './model';
export * from './collections';
export * from './pricing';
export * from './checkout';
export * from './refund';
export * from './membership';
export * from './catalogue';
export * from './present';
export * from './contracts';
