// The server's randomness for ids (core/ids.ts asks for it; core stays pure).
import { randomInt as cryptoRandomInt } from 'node:crypto';
import type { RandomInt } from '../core/prng';

export const randomInt: RandomInt = (maxExclusive) => cryptoRandomInt(maxExclusive);
