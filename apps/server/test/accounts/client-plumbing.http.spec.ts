import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dbKinds } from '@courier/server-testing';
import { startTestApp, type TestApp, type TestUser } from '../support/test-app';
import { V3, loginRequest, passwordLogin, registerUser, uniqueName } from './helpers';

/** Capabilities, well-known, push rules, devices and password change. */
describe.each(await dbKinds())('client plumbing on %s', (kind) => {
  let t: TestApp;
  let alice: TestUser;
  beforeAll(async () => {
    t = await startTestApp(kind, { env: { ENABLE_REGISTRATION: 'true' } });
    alice = await t.user('alice');
  });
  afterAll(async () => t.close());

  it('GET /capabilities: room versions from the domain, password change enabled', async () => {
    const res = await t.as(alice, { method: 'GET', url: `${V3}/capabilities` });
    expect(res.json()).toEqual({
      capabilities: {
        'm.room_versions': { default: '11', available: { '10': 'stable', '11': 'stable' } },
        'm.change_password': { enabled: true },
      },
    });
    expect((await t.app.inject({ method: 'GET', url: '/_matrix/client/r0/capabilities' })).statusCode).toBe(401);
  });

  it('GET /.well-known/matrix/client is 404 M_NOT_FOUND', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/.well-known/matrix/client' });
    expect(res.statusCode).toBe(404);
    expect(res.json()).toMatchObject({ errcode: 'M_NOT_FOUND' });
  });

  it('GET /pushrules/ returns the default rule set for the user, also at /pushrules/global/', async () => {
    const res = await t.as(alice, { method: 'GET', url: `${V3}/pushrules/` });
    expect(res.statusCode).toBe(200);
    const global = res.json().global;
    expect(Object.keys(global).sort()).toEqual(['content', 'override', 'room', 'sender', 'underride']);
    expect(global.override[0]).toEqual({ rule_id: '.m.rule.master', default: true, enabled: false, conditions: [], actions: [] });
    expect(global.content[0]).toMatchObject({ rule_id: '.m.rule.contains_user_name', pattern: alice.userId.slice(1).split(':')[0] });
    expect(global.underride.map((r: { rule_id: string }) => r.rule_id)).toContain('.m.rule.message');
    const scoped = await t.as(alice, { method: 'GET', url: `${V3}/pushrules/global/` });
    expect(scoped.json()).toEqual(global);
  });

  it('single push rules, their enabled flag and actions; unknown is 404', async () => {
    const rule = await t.as(alice, { method: 'GET', url: `${V3}/pushrules/global/override/.m.rule.master` });
    expect(rule.json()).toMatchObject({ rule_id: '.m.rule.master' });
    expect((await t.as(alice, { method: 'GET', url: `${V3}/pushrules/global/override/.m.rule.master/enabled` })).json()).toEqual({ enabled: false });
    expect((await t.as(alice, { method: 'GET', url: `${V3}/pushrules/global/underride/.m.rule.message/actions` })).json()).toEqual({ actions: ['notify'] });
    const missing = await t.as(alice, { method: 'GET', url: `${V3}/pushrules/global/override/nope` });
    expect(missing.statusCode).toBe(404);
    expect(missing.json()).toMatchObject({ errcode: 'M_NOT_FOUND' });
  });

  it('GET /pushers lists none', async () => {
    expect((await t.as(alice, { method: 'GET', url: `${V3}/pushers` })).json()).toEqual({ pushers: [] });
  });

  it('GET /devices/{id}: 404 for an unknown device; PUT renames; PUT on unknown is 404', async () => {
    const unknown = await t.as(alice, { method: 'GET', url: `${V3}/devices/NOPE` });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json()).toMatchObject({ errcode: 'M_NOT_FOUND' });
    const put = await t.as(alice, { method: 'PUT', url: `${V3}/devices/${alice.deviceId}`, payload: { display_name: 'Renamed' } });
    expect(put.statusCode).toBe(200);
    expect((await t.as(alice, { method: 'GET', url: `${V3}/devices/${alice.deviceId}` })).json()).toMatchObject({ display_name: 'Renamed' });
    expect((await t.as(alice, { method: 'PUT', url: `${V3}/devices/NOPE`, payload: { display_name: 'x' } })).statusCode).toBe(404);
  });

  it('DELETE /devices/{id} needs UIA m.login.password; a wrong password is a 401 with M_FORBIDDEN', async () => {
    const name = uniqueName('deleter');
    const me = await registerUser(t, name, 'pw');
    const other = (await loginRequest(t, passwordLogin(name, 'pw'))).json();
    const url = `${V3}/devices/${other.device_id}`;
    const challenge = await t.as(me, { method: 'DELETE', url, payload: {} });
    expect(challenge.statusCode).toBe(401);
    expect(challenge.json()).toEqual({ flows: [{ stages: ['m.login.password'] }], params: {}, session: expect.any(String) });
    const session = challenge.json().session;
    const wrong = await t.as(me, { method: 'DELETE', url, payload: { auth: { type: 'm.login.password', session, identifier: { type: 'm.id.user', user: name }, password: 'bad' } } });
    expect(wrong.statusCode).toBe(401);
    expect(wrong.json()).toMatchObject({ errcode: 'M_FORBIDDEN', session, flows: [{ stages: ['m.login.password'] }] });
    const ok = await t.as(me, { method: 'DELETE', url, payload: { auth: { type: 'm.login.password', session, identifier: { type: 'm.id.user', user: name }, password: 'pw' } } });
    expect(ok.statusCode).toBe(200);
    const gone = await t.app.inject({ method: 'GET', url: `${V3}/account/whoami`, headers: { authorization: `Bearer ${other.access_token}` } });
    expect(gone.json()).toMatchObject({ errcode: 'M_UNKNOWN_TOKEN' });
  });

  it("a UIA session cannot be used by another user or for another operation", async () => {
    const name = uniqueName('owner');
    const me = await registerUser(t, name, 'pw');
    const session = (await t.as(me, { method: 'POST', url: `${V3}/delete_devices`, payload: { devices: [] } })).json().session;
    const stolen = await t.as(alice, { method: 'POST', url: `${V3}/delete_devices`, payload: { devices: [], auth: { session } } });
    expect(stolen.statusCode).toBe(400);
    const otherOp = await t.as(me, { method: 'POST', url: `${V3}/account/password`, payload: { new_password: 'x', auth: { session } } });
    expect(otherOp.statusCode).toBe(400);
  });

  it('POST /account/password changes the password and signs out other devices', async () => {
    const name = uniqueName('changer');
    const me = await registerUser(t, name, 'old');
    const other = (await loginRequest(t, passwordLogin(name, 'old'))).json();
    const res = await t.as(me, {
      method: 'POST',
      url: `${V3}/account/password`,
      payload: { new_password: 'new', auth: { type: 'm.login.password', identifier: { type: 'm.id.user', user: name }, password: 'old' } },
    });
    expect(res.statusCode).toBe(200);
    expect((await loginRequest(t, passwordLogin(name, 'old'))).statusCode).toBe(403);
    expect((await loginRequest(t, passwordLogin(name, 'new'))).statusCode).toBe(200);
    const otherWhoami = await t.app.inject({ method: 'GET', url: `${V3}/account/whoami`, headers: { authorization: `Bearer ${other.access_token}` } });
    expect(otherWhoami.statusCode).toBe(401);
    expect((await t.as(me, { method: 'GET', url: `${V3}/account/whoami` })).statusCode).toBe(200);
  });

  it('password UIA as another user is refused', async () => {
    const res = await t.as(alice, {
      method: 'POST',
      url: `${V3}/account/password`,
      payload: { new_password: 'x', auth: { type: 'm.login.password', identifier: { type: 'm.id.user', user: 'someoneelse' }, password: 'x' } },
    });
    expect(res.statusCode).toBe(401);
    expect(res.json()).toMatchObject({ errcode: 'M_FORBIDDEN' });
  });
});
