import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dbKinds } from '@courier/server-testing';
import { startTestApp, type TestApp, type TestUser } from '../support/test-app';
import { V3, loginRequest, passwordLogin, registerUser, uniqueName } from './helpers';

/** GET/POST /login (login.yaml), logout and whoami (logout.yaml, whoami.yaml). */
describe.each(await dbKinds())('login and sessions on %s', (kind) => {
  let t: TestApp;
  let now = 1_800_000_000_000;
  beforeAll(async () => {
    t = await startTestApp(kind, { env: { ENABLE_REGISTRATION: 'true' }, now: () => now });
  });
  afterAll(async () => t.close());

  const whoami = (token: string) => t.app.inject({ method: 'GET', url: `${V3}/account/whoami`, headers: { authorization: `Bearer ${token}` } });
  const sessionOf = (body: { user_id: string; device_id: string; access_token: string }): TestUser => ({
    userId: body.user_id,
    deviceId: body.device_id,
    accessToken: body.access_token,
  });

  it('GET /login lists m.login.password', async () => {
    const res = await t.app.inject({ method: 'GET', url: `${V3}/login` });
    expect(res.json()).toEqual({ flows: [{ type: 'm.login.password' }] });
  });

  it('logs in by localpart, by full user ID and by the legacy user field', async () => {
    const name = uniqueName('ident');
    const user = await registerUser(t, name, 'pw');
    for (const payload of [
      passwordLogin(name, 'pw'),
      passwordLogin(user.userId, 'pw'),
      passwordLogin(name.toUpperCase(), 'pw'),
      { type: 'm.login.password', user: name, password: 'pw' },
      { type: 'm.login.password', user: user.userId, password: 'pw' },
    ]) {
      const res = await loginRequest(t, payload);
      expect(res.statusCode, JSON.stringify(payload)).toBe(200);
      expect(res.json()).toMatchObject({ user_id: user.userId, home_server: 'test.local' });
      expect((await whoami(res.json().access_token)).json()).toEqual({ user_id: user.userId, device_id: res.json().device_id, is_guest: false });
    }
  });

  it('device_id reuse keeps the device, and the new token shares it', async () => {
    const name = uniqueName('reuse');
    const user = await registerUser(t, name, 'pw', { device_id: 'KEEPME', initial_device_display_name: 'First name' });
    const res = await loginRequest(t, passwordLogin(name, 'pw', { device_id: 'KEEPME', initial_device_display_name: 'Ignored' }));
    expect(res.json().device_id).toBe('KEEPME');
    const second = sessionOf(res.json());
    expect(second.accessToken).not.toBe(user.accessToken);
    expect((await whoami(second.accessToken)).json().device_id).toBe('KEEPME');
    // The earlier token still works, on the same device.
    expect((await whoami(user.accessToken)).json().device_id).toBe('KEEPME');
    const devices = await t.as(second, { method: 'GET', url: `${V3}/devices` });
    expect(devices.json().devices).toEqual([{ device_id: 'KEEPME', display_name: 'First name', last_seen_ts: expect.any(Number) }]);
  });

  it('a new login without device_id makes a new device with the display name', async () => {
    const name = uniqueName('newdev');
    await registerUser(t, name, 'pw');
    const res = await loginRequest(t, passwordLogin(name, 'pw', { initial_device_display_name: 'Laptop' }));
    const s = sessionOf(res.json());
    expect((await t.as(s, { method: 'GET', url: `${V3}/devices/${s.deviceId}` })).json()).toMatchObject({ display_name: 'Laptop' });
    expect((await t.as(s, { method: 'GET', url: `${V3}/devices` })).json().devices).toHaveLength(2);
  });

  it('wrong password and unknown user are the same 403; then 429 after repeated failures', async () => {
    const name = uniqueName('brute');
    await registerUser(t, name, 'right');
    const unknown = await loginRequest(t, passwordLogin(uniqueName('nobody'), 'x'));
    expect(unknown.statusCode).toBe(403);
    const statuses: number[] = [];
    let last;
    for (let i = 0; i < 6; i++) {
      last = await loginRequest(t, passwordLogin(name, `wrong${i}`));
      statuses.push(last.statusCode);
      if (i === 0) expect(last.json()).toEqual(unknown.json());
    }
    expect(unknown.json()).toEqual({ errcode: 'M_FORBIDDEN', error: 'Invalid username or password' });
    expect(statuses).toEqual([403, 403, 403, 403, 403, 429]);
    expect(last?.json()).toMatchObject({ errcode: 'M_LIMIT_EXCEEDED', retry_after_ms: expect.any(Number) });
    expect(last?.headers['retry-after']).toMatch(/^\d+$/);
    // While blocked, even the right password is refused; after the wait it works.
    expect((await loginRequest(t, passwordLogin(name, 'right'))).statusCode).toBe(429);
    now += 60_000;
    expect((await loginRequest(t, passwordLogin(name, 'right'))).statusCode).toBe(200);
  });

  it.each([
    ['unknown login type', { type: 'm.login.token', token: 'x' }, 400, 'M_UNKNOWN'],
    ['missing type', { user: 'a', password: 'b' }, 400, 'M_MISSING_PARAM'],
    ['wrongly typed password', { type: 'm.login.password', user: 'a', password: 1 }, 400, 'M_BAD_JSON'],
    ['another server', passwordLogin('@someone:elsewhere.org', 'pw'), 403, 'M_FORBIDDEN'],
    ['unknown identifier type', { type: 'm.login.password', identifier: { type: 'm.id.x' }, password: 'p' }, 400, 'M_UNKNOWN'],
    ['no identifier', { type: 'm.login.password', password: 'p' }, 400, 'M_MISSING_PARAM'],
  ])('%s → %i %s', async (_name, payload, status, errcode) => {
    const res = await loginRequest(t, payload);
    expect(res.statusCode).toBe(status);
    expect(res.json()).toEqual({ errcode, error: expect.any(String) });
  });

  it('a deactivated user with the right password is 403 M_USER_DEACTIVATED', async () => {
    const name = uniqueName('gone');
    const user = await registerUser(t, name, 'pw');
    await t.data.accounts.setDeactivated(user.userId, true);
    const res = await loginRequest(t, passwordLogin(name, 'pw'));
    expect(res.statusCode).toBe(403);
    expect(res.json()).toMatchObject({ errcode: 'M_USER_DEACTIVATED' });
  });

  it('logout removes the token and its device: the next request is 401 M_UNKNOWN_TOKEN, soft_logout false', async () => {
    const name = uniqueName('out');
    const user = await registerUser(t, name, 'pw');
    const other = sessionOf((await loginRequest(t, passwordLogin(name, 'pw'))).json());
    const res = await t.as(user, { method: 'POST', url: `${V3}/logout`, payload: {} });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({});
    const after = await whoami(user.accessToken);
    expect(after.statusCode).toBe(401);
    expect(after.json()).toEqual({ errcode: 'M_UNKNOWN_TOKEN', error: expect.any(String), soft_logout: false });
    const devices = (await t.as(other, { method: 'GET', url: `${V3}/devices` })).json().devices as Array<{ device_id: string }>;
    expect(devices.map((d) => d.device_id)).toEqual([other.deviceId]);
  });

  it('logout/all removes every token and device of the user', async () => {
    const name = uniqueName('all');
    const a = await registerUser(t, name, 'pw');
    const b = sessionOf((await loginRequest(t, passwordLogin(name, 'pw'))).json());
    expect((await t.as(b, { method: 'POST', url: `${V3}/logout/all` })).statusCode).toBe(200);
    for (const s of [a, b]) expect((await whoami(s.accessToken)).json()).toMatchObject({ errcode: 'M_UNKNOWN_TOKEN' });
    expect(await t.data.accounts.listDevices(a.userId)).toEqual([]);
  });

  it('whoami without a token is 401 M_MISSING_TOKEN', async () => {
    const res = await t.app.inject({ method: 'GET', url: `${V3}/account/whoami` });
    expect(res.statusCode).toBe(401);
    expect(res.json()).toMatchObject({ errcode: 'M_MISSING_TOKEN' });
  });

  it('the token also works as ?access_token=', async () => {
    const user = await registerUser(t, uniqueName('query'), 'pw');
    const res = await t.app.inject({ method: 'GET', url: `${V3}/account/whoami?access_token=${encodeURIComponent(user.accessToken)}` });
    expect(res.json().user_id).toBe(user.userId);
  });
});
