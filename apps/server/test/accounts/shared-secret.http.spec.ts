import { createHmac } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dbKinds } from '@courier/server-testing';
import { startTestApp, type TestApp } from '../support/test-app';
import { V3, uniqueName } from './helpers';

const SECRET = 'shared-secret-for-tests';
const URL = '/_synapse/admin/v1/register';

/** Synapse's byte format, written out independently of the domain's implementation. */
function mac(nonce: string, username: string, password: string, admin: boolean, secret = SECRET): string {
  return createHmac('sha1', secret).update(`${nonce}\0${username}\0${password}\0${admin ? 'admin' : 'notadmin'}`).digest('hex');
}

/** Synapse's shared-secret registration admin API. */
describe.each(await dbKinds())('shared-secret registration on %s', (kind) => {
  let t: TestApp;
  let now = 1_800_000_000_000;
  beforeAll(async () => {
    t = await startTestApp(kind, { env: { REGISTRATION_SHARED_SECRET: SECRET }, now: () => now });
  });
  afterAll(async () => t.close());

  const nonce = async () => (await t.app.inject({ method: 'GET', url: URL })).json().nonce as string;
  const post = (payload: Record<string, unknown>) => t.app.inject({ method: 'POST', url: URL, payload });

  it('a valid MAC registers the user and logs them in; admin is honoured', async () => {
    const n = await nonce();
    expect(n).toMatch(/^[0-9a-f]{64}$/);
    const username = uniqueName('admin');
    const res = await post({ nonce: n, username, password: 'pw', admin: true, mac: mac(n, username, 'pw', true) });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({ user_id: `@${username}:test.local`, home_server: 'test.local', device_id: expect.any(String), access_token: expect.any(String) });
    expect((await t.data.accounts.getUser(body.user_id))?.isAdmin).toBe(true);
    const whoami = await t.app.inject({ method: 'GET', url: `${V3}/account/whoami`, headers: { authorization: `Bearer ${body.access_token}` } });
    expect(whoami.json().user_id).toBe(body.user_id);
    // The password set this way logs in.
    const login = await t.app.inject({ method: 'POST', url: `${V3}/login`, payload: { type: 'm.login.password', user: username, password: 'pw' } });
    expect(login.statusCode).toBe(200);
  });

  it('a bad MAC is 403, and the nonce is spent: reusing it is 400 "unrecognised nonce"', async () => {
    const n = await nonce();
    const username = uniqueName('badmac');
    const bad = await post({ nonce: n, username, password: 'pw', admin: false, mac: mac(n, username, 'pw', true) });
    expect(bad.statusCode).toBe(403);
    expect(bad.json()).toEqual({ errcode: 'M_FORBIDDEN', error: 'HMAC incorrect' });
    const retry = await post({ nonce: n, username, password: 'pw', admin: false, mac: mac(n, username, 'pw', false) });
    expect(retry.statusCode).toBe(400);
    expect(retry.json()).toMatchObject({ error: 'unrecognised nonce' });
  });

  it('a nonce is single use even after success', async () => {
    const n = await nonce();
    const username = uniqueName('once');
    expect((await post({ nonce: n, username, password: 'pw', mac: mac(n, username, 'pw', false) })).statusCode).toBe(200);
    const again = uniqueName('twice');
    const res = await post({ nonce: n, username: again, password: 'pw', mac: mac(n, again, 'pw', false) });
    expect(res.statusCode).toBe(400);
  });

  it('a nonce expires after 60 seconds', async () => {
    const n = await nonce();
    now += 61_000;
    const username = uniqueName('late');
    const res = await post({ nonce: n, username, password: 'pw', mac: mac(n, username, 'pw', false) });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ error: 'unrecognised nonce' });
  });

  it('a nonce issued by one instance is accepted by another on the same database', async () => {
    const other = await startTestApp(kind, { env: { REGISTRATION_SHARED_SECRET: SECRET }, database: t.database, now: () => now });
    try {
      const n = await nonce();
      const username = uniqueName('cross');
      const res = await other.app.inject({ method: 'POST', url: URL, payload: { nonce: n, username, password: 'pw', mac: mac(n, username, 'pw', false) } });
      expect(res.statusCode).toBe(200);
    } finally {
      await other.app.close();
      await other.data.close();
    }
  });

  it.each([
    ['no nonce', { username: 'a', password: 'b', mac: 'c' }, 'M_BAD_JSON'],
    ['a non-string nonce', { nonce: 5 }, 'M_BAD_JSON'],
  ])('%s is 400 %s', async (_n, payload, errcode) => {
    const res = await post(payload);
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ errcode });
  });

  it('missing mac, or a taken username, are 400', async () => {
    const n1 = await nonce();
    expect((await post({ nonce: n1, username: 'x', password: 'y' })).json()).toMatchObject({ errcode: 'M_BAD_JSON' });
    const n2 = await nonce();
    const username = uniqueName('dup');
    await post({ nonce: n2, username, password: 'pw', mac: mac(n2, username, 'pw', false) });
    const n3 = await nonce();
    const dup = await post({ nonce: n3, username, password: 'pw', mac: mac(n3, username, 'pw', false) });
    expect(dup.statusCode).toBe(400);
    expect(dup.json()).toMatchObject({ errcode: 'M_USER_IN_USE' });
  });
});

describe('shared-secret registration without a secret', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp('sqlite');
  });
  afterAll(async () => t.close());

  it('GET and POST are 400 "Shared secret registration is not enabled"', async () => {
    for (const method of ['GET', 'POST'] as const) {
      const res = await t.app.inject({ method, url: URL, payload: method === 'POST' ? { nonce: 'x' } : undefined });
      expect(res.statusCode).toBe(400);
      expect(res.json()).toEqual({ errcode: 'M_UNKNOWN', error: 'Shared secret registration is not enabled' });
    }
  });
});
