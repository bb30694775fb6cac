import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { createDataAccess, type DataAccess } from '@courier/server-data-access';
import { createTestDatabase, type TestDatabase } from '@courier/server-testing';
import { loadConfig } from '@courier/server-util-config';
import { buildApp } from '../../src/app';
import { loggerOptions, redactUrl } from '../../src/logger-options';

const V3 = '/_matrix/client/v3';
const PASSWORD = 'pw-Sup3r-s3cret-do-not-log';

/**
 * The production logger options (main.ts's) at trace level, writing to memory: after requests
 * that carry a token in the header, in the query (plainly and percent-encoded) and a password
 * in login and register bodies, no log line holds the token or the password.
 */
describe('no secret reaches the logs', () => {
  let database: TestDatabase;
  let data: DataAccess;
  let app: FastifyInstance;
  let logs = '';

  beforeAll(async () => {
    database = await createTestDatabase('sqlite');
    const config = loadConfig({ SERVER_NAME: 'logs.local', DATABASE_URL: database.url, ENABLE_REGISTRATION: 'true' });
    data = await createDataAccess(config.DATABASE_URL);
    const stream = new Writable({
      write(chunk: Buffer, _enc, done) {
        logs += chunk.toString('utf8');
        done();
      },
    });
    app = await buildApp({ config, data, logger: { ...loggerOptions('trace'), stream } });
    await app.ready();
  });
  afterAll(async () => {
    await app.close();
    await data.close();
    await database.drop();
  });

  it('tokens in headers and queries, and passwords in bodies, never appear', async () => {
    const reg = await app.inject({ method: 'POST', url: `${V3}/register`, payload: { username: 'logged', password: PASSWORD, auth: { type: 'm.login.dummy' } } });
    expect(reg.statusCode).toBe(200);
    const login = { type: 'm.login.password', identifier: { type: 'm.id.user', user: 'logged' }, password: PASSWORD };
    const res = await app.inject({ method: 'POST', url: `${V3}/login`, payload: login });
    expect(res.statusCode).toBe(200);
    expect((await app.inject({ method: 'POST', url: `${V3}/login`, payload: { ...login, password: `${PASSWORD}-wrong` } })).statusCode).toBe(403);
    const tokens = [reg.json().access_token as string, res.json().access_token as string];
    const [token] = tokens as [string];

    const whoami = [
      { url: `${V3}/account/whoami`, headers: { authorization: `Bearer ${token}` } },
      { url: `${V3}/account/whoami?access_token=${token}` },
      { url: `${V3}/account/whoami?x=1&access%5Ftoken=${encodeURIComponent(token)}&y=2` },
      { url: `${V3}/account/whoami?access_token=${token}`, headers: { authorization: `Bearer ${token}` } }, // both: 401
      { url: `${V3}/account/whoami`, headers: { authorization: `Bearer ${token} extra` } }, // malformed: 401
    ];
    for (const r of whoami) await app.inject({ method: 'GET', ...r });
    await app.inject({ method: 'PUT', url: `${V3}/rooms/!nope:logs.local/send/m.room.message/t1?access_token=${token}`, payload: { body: PASSWORD } });

    expect(logs).toContain('incoming request'); // the logger did write, at trace level
    expect(logs).toContain('[redacted]');
    for (const secret of [...tokens, encodeURIComponent(tokens[0] ?? ''), PASSWORD]) expect(logs).not.toContain(secret);
  });

  it('no key material reaches the logs: device, one-time, fallback, cross-signing keys and backed-up sessions', async () => {
    const reg = await app.inject({ method: 'POST', url: `${V3}/register`, payload: { username: 'keyed', password: PASSWORD, auth: { type: 'm.login.dummy' } } });
    const { access_token: token, user_id: userId, device_id: deviceId } = reg.json() as { access_token: string; user_id: string; device_id: string };
    const auth = { authorization: `Bearer ${token}` };
    const secret = (name: string) => `KEYMATERIAL${name}xyz`;
    await app.inject({
      method: 'POST',
      url: `${V3}/keys/upload`,
      headers: auth,
      payload: {
        device_keys: { user_id: userId, device_id: deviceId, algorithms: [], keys: { [`ed25519:${deviceId}`]: secret('dev') } },
        one_time_keys: { 'signed_curve25519:A': { key: secret('otk') } },
        fallback_keys: { 'signed_curve25519:F': { key: secret('fb'), fallback: true } },
      },
    });
    // Refused with a 400 (keys replaced): the error is logged, the keys are not.
    await app.inject({ method: 'POST', url: `${V3}/keys/upload`, headers: auth, payload: { device_keys: { user_id: userId, device_id: deviceId, algorithms: [], keys: { x: secret('bad') } } } });
    await app.inject({ method: 'POST', url: `${V3}/keys/device_signing/upload`, headers: auth, payload: { master_key: { user_id: userId, usage: ['master'], keys: { [`ed25519:${secret('msk')}`]: secret('msk') } } } });
    const version = (await app.inject({ method: 'POST', url: `${V3}/room_keys/version`, headers: auth, payload: { algorithm: 'm.megolm_backup.v1.curve25519-aes-sha2', auth_data: { public_key: secret('bk') } } })).json().version as string;
    await app.inject({ method: 'PUT', url: `${V3}/room_keys/keys/!r:logs.local/s?version=${version}`, headers: auth, payload: { first_message_index: 0, forwarded_count: 0, is_verified: false, session_data: { ciphertext: secret('session') } } });
    expect(logs).toContain('incoming request');
    expect(logs).not.toContain('KEYMATERIAL');
  });

  it('redactUrl masks only the secret parameter, however its name is encoded', () => {
    expect(redactUrl('/a?access_token=abc&b=1')).toBe('/a?access_token=[redacted]&b=1');
    expect(redactUrl('/a?b=1&Access_Token=abc')).toBe('/a?b=1&Access_Token=abc'); // names are case-sensitive, as the server reads them
    expect(redactUrl('/a?access%5Ftoken=abc')).toBe('/a?access%5Ftoken=[redacted]');
    expect(redactUrl('/a?access_token')).toBe('/a?access_token=[redacted]');
    expect(redactUrl('/a?%zz=1')).toBe('/a?%zz=1');
    expect(redactUrl('/plain')).toBe('/plain');
  });
});
