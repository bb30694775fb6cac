import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import { createDataAccess, type DataAccess } from '@courier/server-data-access';
import { createSession, createUser } from '@courier/server-domain';
import { createTestDatabase, type DbKind, type TestDatabase } from '@courier/server-testing';
import { loadConfig, type Config } from '@courier/server-util-config';
import { buildApp } from '../../src/app';

export interface TestUser {
  userId: string;
  deviceId: string;
  accessToken: string;
}

export interface TestApp {
  database: TestDatabase;
  app: FastifyInstance;
  data: DataAccess;
  config: Config;
  /** Creates a user with a session (device + token) directly through the domain. */
  user(localpart: string, options?: { admin?: boolean; deviceId?: string }): Promise<TestUser>;
  /** Another session (token) for an existing user, on the given or a new device. */
  login(userId: string, deviceId?: string): Promise<TestUser>;
  /** Injects a request with the user's token as a Bearer header. */
  as(user: TestUser, options: InjectOptions): Promise<LightMyRequestResponse>;
  createRoom(owner: TestUser, body?: Record<string, unknown>): Promise<string>;
  join(user: TestUser, roomId: string): Promise<void>;
  close(): Promise<void>;
}

let counter = 0;

/** One app on a fresh database of the given kind (or on an existing one, for multi-instance tests). */
export async function startTestApp(
  kind: DbKind,
  options: { env?: Record<string, string>; database?: TestDatabase; now?: () => number } = {},
): Promise<TestApp> {
  const database = options.database ?? (await createTestDatabase(kind));
  const config = loadConfig({ SERVER_NAME: 'test.local', DATABASE_URL: database.url, ...options.env });
  const data = await createDataAccess(config.DATABASE_URL);
  // Every response of a spec route is checked against spec/; a mismatch is a 500 and fails close().
  const app = await buildApp({ config, data, validateResponses: true, ...(options.now ? { now: options.now } : {}) });
  await app.ready();

  const login = async (userId: string, deviceId?: string): Promise<TestUser> => {
    const s = await createSession(data.accounts, { userId, deviceId, now: Date.now() });
    return { userId, deviceId: s.deviceId, accessToken: s.accessToken };
  };
  const as = (user: TestUser, opts: InjectOptions) =>
    app.inject({ ...opts, headers: { authorization: `Bearer ${user.accessToken}`, ...(opts.headers ?? {}) } });

  return {
    app,
    data,
    config,
    database,
    async user(localpart, o = {}) {
      const userId = await createUser(data.accounts, {
        localpart: `${localpart}-${(counter++).toString(36)}`,
        password: null,
        isAdmin: o.admin ?? false,
        serverName: config.SERVER_NAME,
        now: Date.now(),
      });
      return login(userId, o.deviceId);
    },
    login,
    as,
    async createRoom(owner, body = {}) {
      const res = await as(owner, { method: 'POST', url: '/_matrix/client/v3/createRoom', payload: body });
      if (res.statusCode !== 200) throw new Error(`createRoom failed: ${res.statusCode} ${res.body}`);
      return (res.json() as { room_id: string }).room_id;
    },
    async join(user, roomId) {
      const res = await as(user, { method: 'POST', url: `/_matrix/client/v3/rooms/${encodeURIComponent(roomId)}/join`, payload: {} });
      if (res.statusCode !== 200) throw new Error(`join failed: ${res.statusCode} ${res.body}`);
    },
    async close() {
      const mismatches = [...app.responseMismatches];
      await app.close();
      await data.close();
      if (!options.database) await database.drop();
      if (mismatches.length > 0) throw new Error(`responses that do not match spec/:\n${mismatches.join('\n')}`);
    },
  };
}

export const sendPath = (roomId: string, type: string, txnId: string, prefix = 'v3') =>
  `/_matrix/client/${prefix}/rooms/${encodeURIComponent(roomId)}/send/${encodeURIComponent(type)}/${encodeURIComponent(txnId)}`;
