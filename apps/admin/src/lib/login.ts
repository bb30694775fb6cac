/**
 * The admin app's only Matrix REST calls: `POST /_matrix/client/v3/login` with the admin's
 * username and password, which is how the access token that the gateway accepts is obtained,
 * and `POST /_matrix/client/v3/logout` on sign-out, which revokes it. Everything else goes
 * through the tRPC gateway.
 */
export interface AdminSession {
  userId: string;
  accessToken: string;
  deviceId: string;
}

/** A failed login, shaped like a Matrix error body plus the HTTP status. */
export interface LoginFailure {
  errcode: string;
  error: string;
  status: number;
  retry_after_ms?: number;
}

export const LOGIN_PATH = '/_matrix/client/v3/login';
export const LOGOUT_PATH = '/_matrix/client/v3/logout';

export async function loginWithPassword(username: string, password: string, origin: string = window.location.origin): Promise<AdminSession> {
  const res = await fetch(`${origin}${LOGIN_PATH}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    credentials: 'omit',
    body: JSON.stringify({
      type: 'm.login.password',
      identifier: { type: 'm.id.user', user: username.trim() },
      password,
      initial_device_display_name: 'Courier admin app',
    }),
  });
  const body = (await res.json().catch(() => ({}))) as Record<string, unknown>;
  if (!res.ok) {
    const failure: LoginFailure = {
      errcode: typeof body['errcode'] === 'string' ? body['errcode'] : 'M_UNKNOWN',
      error: typeof body['error'] === 'string' ? body['error'] : `Login failed (HTTP ${res.status})`,
      status: res.status,
      ...(typeof body['retry_after_ms'] === 'number' ? { retry_after_ms: body['retry_after_ms'] } : {}),
    };
    throw failure;
  }
  const { user_id, access_token, device_id } = body;
  if (typeof user_id !== 'string' || typeof access_token !== 'string' || typeof device_id !== 'string') {
    throw { errcode: 'M_UNKNOWN', error: 'The server sent an unexpected login response', status: res.status } satisfies LoginFailure;
  }
  return { userId: user_id, accessToken: access_token, deviceId: device_id };
}

/**
 * Revokes the session's access token on the server, so a copy of it (a shared machine, a leaked
 * tab) stops working too. Best effort: a token that is already gone or a server that cannot be
 * reached must not keep the operator signed in, so failures are swallowed.
 */
export async function logout(session: AdminSession, origin: string = window.location.origin): Promise<void> {
  try {
    await fetch(`${origin}${LOGOUT_PATH}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${session.accessToken}`, 'content-type': 'application/json' },
      credentials: 'omit',
      body: '{}',
    });
  } catch {
    /* signed out locally either way */
  }
}
