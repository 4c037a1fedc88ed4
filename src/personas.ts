// The WeChat users the h5 preview can act as (docs/architecture.md §6: the gateway impersonates the chosen
// openid). One list, shared by the persona switcher, the demo seed (the shop owner is 店主) and the
// browser tests. These openids exist only locally.
export interface Persona {
  key: 'owner' | 'buyerA' | 'buyerB' | 'staff';
  label: string;
  openid: string;
}

export const PERSONAS: readonly Persona[] = [
  { key: 'owner', label: '店主', openid: 'o_demo_owner_0000000000000001' },
  { key: 'buyerA', label: '顾客甲', openid: 'o_demo_buyer_a_00000000000001' },
  { key: 'buyerB', label: '顾客乙', openid: 'o_demo_buyer_b_00000000000001' },
  // A helper the owner invites (core/roles.ts): joins with the owner's code, then sees the shop as staff.
  { key: 'staff', label: '店员', openid: 'o_demo_staff_00000000000000001' },
];

export const DEFAULT_PERSONA: Persona['key'] = 'buyerA';

export function personaByKey(key: string | null | undefined): Persona {
  return PERSONAS.find((p) => p.key === key) ?? PERSONAS.find((p) => p.key === DEFAULT_PERSONA)!;
}
