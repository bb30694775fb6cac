import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dbKinds } from '@courier/server-testing';
import { startTestApp, type TestApp } from '../support/test-app';
import { V3, uniqueName } from './helpers';

/** POST /register with UIA m.login.dummy, GET /register/available (registration.yaml). */
describe.each(await dbKinds())('registration on %s', (kind) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(kind, { env: { ENABLE_REGISTRATION: 'true' } });
  });
  afterAll(async () => t.close());

  const post = (payload: unknown, url = `${V3}/register`) => t.app.inject({ method: 'POST', url, payload: payload as Record<string, unknown> });

  it('two-step form: a request without auth gets the 401 challenge, the session completes it', async () => {
    const username = uniqueName('twostep');
    const first = await post({ username, password: 'pw-1', initial_device_display_name: 'Phone' });
    expect(first.statusCode).toBe(401);
    const challenge = first.json();
    expect(challenge).toEqual({ flows: [{ stages: ['m.login.dummy'] }], params: {}, session: expect.any(String) });

    // The completing request repeats nothing but the auth: the session kept the rest.
    const second = await post({ auth: { type: 'm.login.dummy', session: challenge.session } });
    expect(second.statusCode).toBe(200);
    const body = second.json();
    expect(body).toMatchObject({ user_id: `@${username}:test.local`, home_server: 'test.local' });
    expect(body.access_token).toEqual(expect.any(String));
    expect(body.device_id).toEqual(expect.any(String));

    const whoami = await t.app.inject({ method: 'GET', url: `${V3}/account/whoami`, headers: { authorization: `Bearer ${body.access_token}` } });
    expect(whoami.json()).toEqual({ user_id: body.user_id, device_id: body.device_id, is_guest: false });
    const device = await t.app.inject({ method: 'GET', url: `${V3}/devices/${body.device_id}`, headers: { authorization: `Bearer ${body.access_token}` } });
    expect(device.json()).toMatchObject({ device_id: body.device_id, display_name: 'Phone' });

    // The password from the first request was kept (as a hash) and works.
    const login = await post({ type: 'm.login.password', identifier: { type: 'm.id.user', user: username }, password: 'pw-1' }, `${V3}/login`);
    expect(login.statusCode).toBe(200);
  });

  it('one-step form: auth m.login.dummy without a session registers at once, on r0 too', async () => {
    const username = uniqueName('onestep');
    const res = await post({ username, password: 'pw', auth: { type: 'm.login.dummy' }, device_id: 'MYDEVICE' }, '/_matrix/client/r0/register');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ user_id: `@${username}:test.local`, device_id: 'MYDEVICE' });
  });

  it('a session is stored in the database: a second app on the same database completes it', async () => {
    const other = await startTestApp(kind, { env: { ENABLE_REGISTRATION: 'true' }, database: t.database });
    try {
      const first = await post({ username: uniqueName('shared'), password: 'pw' });
      const second = await other.app.inject({ method: 'POST', url: `${V3}/register`, payload: { auth: { type: 'm.login.dummy', session: first.json().session } } });
      expect(second.statusCode).toBe(200);
    } finally {
      await other.app.close();
      await other.data.close();
    }
  });

  it('retrying a completed session (response lost) returns the same account, not M_USER_IN_USE', async () => {
    const username = uniqueName('retry');
    const session = (await post({ username, password: 'pw' })).json().session;
    const full = { username, password: 'pw', auth: { type: 'm.login.dummy', session } };
    const first = await post(full);
    const again = await post(full);
    expect(again.statusCode).toBe(200);
    expect(again.json().user_id).toBe(first.json().user_id);
  });

  it('inhibit_login returns only the user ID', async () => {
    const res = await post({ username: uniqueName('inhibit'), password: 'pw', inhibit_login: true, auth: { type: 'm.login.dummy' } });
    expect(res.statusCode).toBe(200);
    expect(Object.keys(res.json()).sort()).toEqual(['home_server', 'user_id']);
  });

  it('no username: the server picks a valid localpart; usernames are lower-cased', async () => {
    const generated = await post({ password: 'pw', auth: { type: 'm.login.dummy' } });
    expect(generated.json().user_id).toMatch(/^@[a-z2-7]{12}:test\.local$/);
    const upper = await post({ username: 'MiXeD' + uniqueName('case'), password: 'pw', auth: { type: 'm.login.dummy' } });
    expect(upper.json().user_id).toMatch(/^@mixedcase[0-9a-z]+:test\.local$/);
  });

  it('a taken username is 400 M_USER_IN_USE, before any UIA', async () => {
    const username = uniqueName('taken');
    expect((await post({ username, password: 'pw', auth: { type: 'm.login.dummy' } })).statusCode).toBe(200);
    const again = await post({ username, password: 'pw' });
    expect(again.statusCode).toBe(400);
    expect(again.json()).toEqual({ errcode: 'M_USER_IN_USE', error: expect.any(String) });
  });

  it.each(['has space', 'bad!char', '@full:test.local', ''])('username %j is 400 M_INVALID_USERNAME', async (username) => {
    const res = await post({ username, password: 'pw', auth: { type: 'm.login.dummy' } });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ errcode: 'M_INVALID_USERNAME' });
  });

  it.each([
    ['username', { username: 42 }],
    ['password', { password: ['x'] }],
    ['inhibit_login', { inhibit_login: 'yes' }],
    ['auth', { auth: 'm.login.dummy' }],
  ])('a wrongly typed %s is 400 M_BAD_JSON', async (_field, payload) => {
    const res = await post(payload);
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ errcode: 'M_BAD_JSON' });
  });

  it('a body that is not JSON is 400 M_NOT_JSON', async () => {
    const res = await t.app.inject({ method: 'POST', url: `${V3}/register`, payload: '{nope' });
    expect(res.json()).toMatchObject({ errcode: 'M_NOT_JSON' });
  });

  it('an unknown session is 400, an unknown stage a 401 that names the error', async () => {
    const unknown = await post({ auth: { type: 'm.login.dummy', session: 'nope' } });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json()).toMatchObject({ errcode: 'M_UNKNOWN' });
    const stage = await post({ username: uniqueName('stage'), auth: { type: 'm.login.recaptcha' } });
    expect(stage.statusCode).toBe(401);
    expect(stage.json()).toMatchObject({ errcode: 'M_UNRECOGNIZED', flows: [{ stages: ['m.login.dummy'] }], session: expect.any(String) });
  });

  it('kind=guest is 403 M_GUEST_ACCESS_FORBIDDEN', async () => {
    const res = await post({}, `${V3}/register?kind=guest`);
    expect(res.statusCode).toBe(403);
    expect(res.json()).toMatchObject({ errcode: 'M_GUEST_ACCESS_FORBIDDEN' });
  });

  it('GET /register/available: available, taken, invalid', async () => {
    const name = uniqueName('avail');
    const free = await t.app.inject({ method: 'GET', url: `${V3}/register/available?username=${name}` });
    expect(free.json()).toEqual({ available: true });
    await post({ username: name, password: 'pw', auth: { type: 'm.login.dummy' } });
    const taken = await t.app.inject({ method: 'GET', url: `${V3}/register/available?username=${name}` });
    expect(taken.statusCode).toBe(400);
    expect(taken.json()).toMatchObject({ errcode: 'M_USER_IN_USE' });
    const invalid = await t.app.inject({ method: 'GET', url: `${V3}/register/available?username=a%20b` });
    expect(invalid.json()).toMatchObject({ errcode: 'M_INVALID_USERNAME' });
  });

  it('GET /register is 405 (the spec has no such operation)', async () => {
    const res = await t.app.inject({ method: 'GET', url: `${V3}/register` });
    expect(res.statusCode).toBe(405);
  });
});

describe('registration disabled (the default)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp('sqlite');
  });
  afterAll(async () => t.close());

  it('POST /register is 403 M_FORBIDDEN, with or without auth', async () => {
    for (const payload of [{ username: 'x', password: 'pw' }, { username: 'x', password: 'pw', auth: { type: 'm.login.dummy' } }]) {
      const res = await t.app.inject({ method: 'POST', url: `${V3}/register`, payload });
      expect(res.statusCode).toBe(403);
      expect(res.json()).toEqual({ errcode: 'M_FORBIDDEN', error: 'Registration has been disabled' });
    }
  });
});
