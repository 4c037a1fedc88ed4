// How a buyer is named to the shop owner (docs/product.md §5 customers): the nickname the buyer chose
// (WeChat 头像昵称填写), else the name on their latest delivery address, else a label made from the
// whole openid. The label is stable (the same buyer reads the same everywhere) and distinct in practice:
// the old "顾客 + openid tail" read 顾客 000001 for every demo buyer, and the owner gifted the wrong one.

const LABEL_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';

/** FNV-1a over the whole openid, 32 bits. */
function hash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i += 1) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

/** "顾客 K7Q2": 4 characters of 31 (≈ 920 000 labels) from a hash of the whole openid. */
export function buyerLabel(openid: string): string {
  let n = hash(openid);
  let code = '';
  for (let i = 0; i < 4; i += 1) {
    code += LABEL_ALPHABET[n % LABEL_ALPHABET.length];
    n = Math.floor(n / LABEL_ALPHABET.length);
  }
  return `顾客 ${code}`;
}

export interface BuyerNameSources {
  nickname?: string | null;
  addressName?: string | null;
}

export function buyerName(openid: string, from: BuyerNameSources = {}): string {
  const nick = from.nickname?.trim();
  if (nick) return nick;
  const addressName = from.addressName?.trim();
  if (addressName) return addressName;
  return buyerLabel(openid);
}
