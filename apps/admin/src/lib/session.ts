import type { AdminSession } from './login';

/** The signed-in admin, kept for this tab only (sessionStorage): closing the tab forgets it. */
const KEY = 'courier.admin.session';

export function loadSession(storage: Storage = window.sessionStorage): AdminSession | null {
  try {
    const raw = storage.getItem(KEY);
    if (!raw) return null;
    const v = JSON.parse(raw) as Partial<AdminSession>;
    if (typeof v.userId === 'string' && typeof v.accessToken === 'string' && typeof v.deviceId === 'string') {
      return { userId: v.userId, accessToken: v.accessToken, deviceId: v.deviceId };
    }
  } catch {
    // A corrupt entry is the same as none.
  }
  return null;
}

export function saveSession(session: AdminSession, storage: Storage = window.sessionStorage): void {
  storage.setItem(KEY, JSON.stringify(session));
}

export function clearSession(storage: Storage = window.sessionStorage): void {
  storage.removeItem(KEY);
}
