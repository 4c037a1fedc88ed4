// The shop's profile as the owner types it (open a shop, settings): the contract's own bounds
// (core/contracts/fields.ts name and phone), with Chinese messages.
import { LIMITS, PHONE_PATTERN } from '../../../core/contracts/fields';
import { OT } from '../text';

export type ShopErrors = Partial<Record<'name' | 'phone', string>>;

export function checkShop(name: string, phone: string): ShopErrors {
  const errors: ShopErrors = {};
  if (name.trim().length === 0) errors.name = OT.open.nameRequired;
  else if (name.trim().length > LIMITS.name) errors.name = OT.open.nameTooLong;
  if (!PHONE_PATTERN.test(phone.trim())) errors.phone = OT.open.phoneInvalid;
  return errors;
}
