// Where a checkout problem belongs on the page: next to the address, the delivery choice, or the line
// it is about — never only in a line at the bottom the buyer cannot see. The page shows the message
// there and scrolls to it.
import type { Address } from '../../core/model';
import { T } from '../text';

export type ProblemPlace = { at: 'address' | 'delivery' | 'general' } | { at: 'line'; key: string };
export interface Problem {
  place: ProblemPlace;
  message: string;
}

/** core/contracts/fields.ts PHONE_PATTERN: what the server accepts as a phone number. */
const PHONE = /^[0-9+\- ]{5,20}$/;

/** What is wrong with the address before it is sent (null: nothing). */
export function addressProblem(a: Address | null): string | null {
  if (!a || ![a.userName, a.telNumber, a.provinceName, a.cityName, a.detailInfo].every((x) => x.trim())) return T.checkout.addressIncomplete;
  if (!PHONE.test(a.telNumber.trim())) return T.checkout.badPhone;
  return null;
}

const ADDRESS_FIELDS: Record<string, string> = {
  'address.telNumber': T.checkout.badPhone,
  'address.userName': T.checkout.badField(T.checkout.form.userName),
  'address.detailInfo': T.checkout.badField(T.checkout.form.detailInfo),
};

const LINE_CODES = ['OUT_OF_STOCK', 'OFF_SHELF', 'SKU_REQUIRED', 'SKU_NOT_FOUND', 'PRODUCT_NOT_FOUND', 'PRODUCT_UNAVAILABLE', 'MEMBERS_ONLY', 'QUANTITY_LIMIT'];

/** A refusal of `place` (code, message, details) placed on the page. */
export function placeProblem(code: string | null, message: string, details: Readonly<Record<string, unknown>> | undefined): Problem {
  const path = typeof details?.path === 'string' ? details.path : '';
  if (code === 'ADDRESS_REQUIRED') return { place: { at: 'address' }, message };
  if (code === 'VALIDATION_FAILED' && path.startsWith('address')) {
    return { place: { at: 'address' }, message: ADDRESS_FIELDS[path] ?? T.checkout.badField(T.checkout.address) };
  }
  if (code === 'DELIVERY_NOT_AVAILABLE') return { place: { at: 'delivery' }, message };
  if (code && LINE_CODES.includes(code) && typeof details?.productId === 'string') {
    const skuId = typeof details.skuId === 'string' ? details.skuId : '';
    const available = typeof details.available === 'number' ? details.available : null;
    const text = code === 'OUT_OF_STOCK' ? (available ? T.checkout.onlyLeft(available) : T.checkout.justSoldOut) : message;
    return { place: { at: 'line', key: `${details.productId}/${skuId}` }, message: text };
  }
  return { place: { at: 'general' }, message };
}
