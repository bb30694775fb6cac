import type { LightMyRequestResponse } from 'fastify';
import type { TestApp, TestUser } from '../support/test-app';

export const V3 = '/_matrix/client/v3';

/** Registers over HTTP in one request (auth m.login.dummy without a session). */
export async function registerUser(t: TestApp, username: string, password = 'correct horse', extra: Record<string, unknown> = {}): Promise<TestUser> {
  const res = await t.app.inject({
    method: 'POST',
    url: `${V3}/register`,
    payload: { username, password, auth: { type: 'm.login.dummy' }, ...extra },
  });
  if (res.statusCode !== 200) throw new Error(`register failed: ${res.statusCode} ${res.body}`);
  const body = res.json() as { user_id: string; device_id: string; access_token: string };
  return { userId: body.user_id, deviceId: body.device_id, accessToken: body.access_token };
}

export function loginRequest(t: TestApp, payload: Record<string, unknown>): Promise<LightMyRequestResponse> {
  return t.app.inject({ method: 'POST', url: `${V3}/login`, payload });
}

export const passwordLogin = (user: string, password: string, extra: Record<string, unknown> = {}) => ({
  type: 'm.login.password',
  identifier: { type: 'm.id.user', user },
  password,
  ...extra,
});

let n = 0;
/** A username unique within the test run (databases are per file, but a file has many tests). */
export const uniqueName = (base: string) => `${base}${(n++).toString(36)}`;
