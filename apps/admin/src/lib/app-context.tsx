import { createContext, useContext } from 'react';
import type { Gateway } from './gateway';
import type { AdminSession } from './login';

export interface AppContextValue {
  session: AdminSession;
  gateway: Gateway;
  signOut(): void;
}

export const AppContext = createContext<AppContextValue | null>(null);

/** The signed-in admin's gateway client and session; only used under the signed-in layout. */
export function useApp(): AppContextValue {
  const v = useContext(AppContext);
  if (!v) throw new Error('useApp() outside the signed-in app');
  return v;
}

/** Just the sign-out action, for error notices that may render outside the signed-in app. */
export function useSignOut(): (() => void) | null {
  return useContext(AppContext)?.signOut ?? null;
}
