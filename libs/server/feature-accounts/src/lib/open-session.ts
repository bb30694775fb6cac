import { invalidParam } from '@courier/shared-matrix-errors';
import { createSession, type CreatedSession } from '@courier/server-domain';
import type { AccountDeps } from './account-deps';

/**
 * Opens a session after login or registration: the named device when the client gives one
 * (kept, with its keys and display name, if it exists: login.yaml says the initial display
 * name is then ignored), else a new device; and a fresh access token on it. Earlier tokens of
 * that device stay valid (the spec allows either; Synapse keeps them too).
 */
export async function openSession(
  deps: AccountDeps,
  input: { userId: string; deviceId?: string; displayName?: string },
): Promise<CreatedSession> {
  if (input.deviceId !== undefined && (input.deviceId.length === 0 || input.deviceId.length > 255)) {
    throw invalidParam('device_id must be 1 to 255 characters');
  }
  const existing = input.deviceId === undefined ? undefined : await deps.accounts.getDevice(input.userId, input.deviceId);
  return createSession(deps.accounts, {
    userId: input.userId,
    deviceId: input.deviceId,
    deviceDisplayName: existing ? null : (input.displayName ?? null),
    now: deps.now(),
  });
}

/** The body of a successful login or registration (login.yaml, registration.yaml). */
export function sessionBody(deps: AccountDeps, s: CreatedSession) {
  return { user_id: s.userId, access_token: s.accessToken, device_id: s.deviceId, home_server: deps.serverName };
}
