import { MatrixError, forbidden, invalidParam } from '@courier/shared-matrix-errors';
import {
  UserExistsError,
  encodeUiaState,
  generateLocalpart,
  hashPassword,
  localpartForUsername,
  optionalBoolean,
  optionalString,
  parseAuthDict,
  type JsonObject,
  type UiaFlow,
} from '@courier/server-domain';
import type { AccountDeps } from './account-deps';
import { openSession, sessionBody } from './open-session';
import { checkUia, sessionUserId } from './uia-engine';

/** Registration asks for no proof beyond the UIA round trip: ENABLE_REGISTRATION is the gate. */
export const REGISTRATION_FLOWS: UiaFlow[] = [{ stages: ['m.login.dummy'] }];

interface RegistrationParams {
  username?: string;
  device_id?: string;
  initial_device_display_name?: string;
  inhibit_login?: boolean;
}

function readParams(body: Record<string, unknown>): RegistrationParams {
  const p: RegistrationParams = {
    username: optionalString(body, 'username'),
    device_id: optionalString(body, 'device_id', 255),
    initial_device_display_name: optionalString(body, 'initial_device_display_name'),
    inhibit_login: optionalBoolean(body, 'inhibit_login'),
  };
  return Object.fromEntries(Object.entries(p).filter(([, v]) => v !== undefined)) as RegistrationParams;
}

const userInUse = () => new MatrixError('M_USER_IN_USE', 'User ID already taken.');

async function assertUsernameFree(deps: AccountDeps, username: string | undefined, ownUserId: string | undefined) {
  if (username === undefined) return;
  const userId = `@${localpartForUsername(username)}:${deps.serverName}`;
  if (userId !== ownUserId && (await deps.accounts.getUser(userId))) throw userInUse();
}

/**
 * POST /register (registration.yaml) with User-Interactive Auth m.login.dummy. Works both
 * ways clients use it: a first request without `auth` gets the 401 challenge and a session,
 * which a second request completes; or one request with `auth: {type: "m.login.dummy"}`.
 * Username checks (M_INVALID_USERNAME, M_USER_IN_USE) come before UIA, as the spec asks.
 * The password is optional (the spec does not require one): without it the account cannot
 * log in with m.login.password. A request carrying a username or password replaces the
 * parameters a session stored; one that carries neither (the usual completing request) uses
 * them, so the password need not be sent twice (its hash waits in the session).
 */
export async function register(deps: AccountDeps, input: { kind?: string; body: Record<string, unknown> }) {
  if (input.kind === 'guest') throw new MatrixError('M_GUEST_ACCESS_FORBIDDEN', 'Guest access is not enabled on this server');
  if (input.kind !== undefined && input.kind !== 'user') throw invalidParam('kind must be "user" or "guest"');
  if (!deps.registrationEnabled) throw forbidden('Registration has been disabled');

  const auth = parseAuthDict(input.body['auth']);
  const params = readParams(input.body);
  const password = optionalString(input.body, 'password');
  if (password === '') throw new MatrixError('M_WEAK_PASSWORD', 'Password must not be empty');
  // A retry of a registration that succeeded (its response lost) may name its own user ID.
  await assertUsernameFree(deps, params.username, await sessionUserId(deps, auth?.session, 'register'));
  const replaces = params.username !== undefined || password !== undefined;

  const passed = await checkUia(deps, {
    purpose: 'register',
    flows: REGISTRATION_FLOWS,
    auth,
    params: replaces ? (params as JsonObject) : undefined,
    passwordHash: password === undefined ? undefined : await hashPassword(password),
    checkStage: async () => undefined, // m.login.dummy proves nothing and needs nothing
  });
  const final = passed.state.params as RegistrationParams;
  let userId = passed.state.userId;
  if (userId === undefined) {
    userId = await createAccount(deps, final.username, passed.state.passwordHash ?? null);
    if (passed.sessionId !== undefined) {
      const { passwordHash: _dropped, ...rest } = passed.state;
      await deps.uiaSessions.update(passed.sessionId, encodeUiaState({ ...rest, userId }));
    }
  }
  if (final.inhibit_login) return { user_id: userId, home_server: deps.serverName };
  const session = await openSession(deps, { userId, deviceId: final.device_id, displayName: final.initial_device_display_name });
  return sessionBody(deps, session);
}

async function createAccount(deps: AccountDeps, username: string | undefined, passwordHash: string | null): Promise<string> {
  for (let attempt = 0; ; attempt++) {
    const localpart = username === undefined ? generateLocalpart() : localpartForUsername(username);
    const userId = `@${localpart}:${deps.serverName}`;
    try {
      await deps.accounts.createUser({ userId, localpart, passwordHash, isAdmin: false, createdAt: deps.now(), displayname: localpart });
      return userId;
    } catch (err) {
      if (!(err instanceof UserExistsError)) throw err;
      // A generated localpart that collides (60 random bits) is retried; a chosen one is taken.
      if (username !== undefined || attempt >= 3) throw userInUse();
    }
  }
}

/** GET /register/available (registration.yaml): 200 {available: true}, or the reason it is not. */
export async function usernameAvailable(deps: AccountDeps, username: string | undefined) {
  if (username === undefined) throw new MatrixError('M_MISSING_PARAM', 'username is required');
  await assertUsernameFree(deps, username, undefined);
  return { available: true };
}
