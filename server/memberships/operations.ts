// The membership function's operations (core/contracts/membership.ts).
import type { Operation } from '../handler';

export const membershipOperations: Record<string, Operation> = {};
