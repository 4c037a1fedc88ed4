// The request/response contracts of every cloud function: what the mini-program imports to call a
// function, and what every handler runs first.
export * from './registry';
export { parseRequest } from './parse';
export * from './views';
export { LIMITS } from './fields';
export { SWEEPER_JOBS, type SweeperJob } from './wechat-events';
export { INBOX_FILTERS } from './shop-admin-orders';
export { MEMBER_FILTERS } from './membership';
