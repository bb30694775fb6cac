import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '@courier/server';
import { createDataAccess, type DataAccess } from '@courier/server-data-access';
import { createSession, createUser } from '@courier/server-domain';
import { createTestDatabase, type DbKind, type TestDatabase } from '@courier/server-testing';
import { loadConfig } from '@courier/server-util-config';

export interface ListeningServer {
  baseUrl: string;
  app: FastifyInstance;
  data: DataAccess;
  database: TestDatabase;
  newUser(localpart: string): Promise<{ userId: string; accessToken: string; deviceId: string }>;
  close(): Promise<void>;
}

/** The real server on a free port on 127.0.0.1, on a fresh database of the given kind. */
export async function startListeningServer(kind: DbKind, env: Record<string, string> = {}): Promise<ListeningServer> {
  const database = await createTestDatabase(kind);
  const config = loadConfig({ SERVER_NAME: 'e2e.local', DATABASE_URL: database.url, PORT: '0', ...env });
  const data = await createDataAccess(config.DATABASE_URL);
  // Every response is checked against spec/ (a mismatch answers 500 and is recorded).
  const app = await buildApp({ config, data, validateResponses: true });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const { port } = app.server.address() as AddressInfo;
  let n = 0;
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    app,
    data,
    database,
    async newUser(localpart) {
      const userId = await createUser(data.accounts, { localpart: `${localpart}${n++}`, password: null, serverName: config.SERVER_NAME, now: Date.now() });
      const s = await createSession(data.accounts, { userId, now: Date.now() });
      return { userId, accessToken: s.accessToken, deviceId: s.deviceId };
    },
    async close() {
      const mismatches = [...app.responseMismatches];
      await app.close();
      await data.close();
      await database.drop();
      if (mismatches.length > 0) throw new Error(`responses that do not match spec/:\n${mismatches.join('\n')}`);
    },
  };
}
