// Who is using the app on this device: the h5 persona (the WeChat user the gateway impersonates) and
// the shops visited recently (the home page). Identity itself is decided by the server (getWXContext).
import { create } from 'zustand';
import { persist } from 'zustand/middleware';
import { DEFAULT_PERSONA, personaByKey, type Persona } from '../personas';
import { persistentStorage } from './taro-storage';

export interface RecentShop {
  shopId: string;
  name: string;
  logo: string | null;
  visitedAt: number;
}

const MAX_RECENT = 10;

interface SessionState {
  persona: Persona['key'];
  recentShops: RecentShop[];
  setPersona: (key: Persona['key']) => void;
  visited: (shop: Omit<RecentShop, 'visitedAt'>, at: number) => void;
}

export const useSession = create<SessionState>()(
  persist(
    (set) => ({
      persona: DEFAULT_PERSONA,
      recentShops: [],
      setPersona: (persona) => set({ persona }),
      visited: (shop, at) =>
        set((s) => ({
          recentShops: [{ ...shop, visitedAt: at }, ...s.recentShops.filter((r) => r.shopId !== shop.shopId)].slice(0, MAX_RECENT),
        })),
    }),
    { name: 'kaidian-session', version: 1, storage: persistentStorage },
  ),
);

/** The openid the h5 gateway should act as. */
export function currentOpenid(): string {
  return personaByKey(useSession.getState().persona).openid;
}
