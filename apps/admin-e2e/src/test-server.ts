/* eslint-disable @nx/enforce-module-boundaries -- the browser e2e starts the real server in-process
   (as apps/server-e2e does), so this one harness file reaches across from scope:admin to scope:server. */
import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '@courier/server';
import { createDataAccess, type DataAccess } from '@courier/server-data-access';
import { createSession, createUser } from '@courier/server-domain';
import { createTestDatabase, type TestDatabase } from '@courier/server-testing';
import { loadConfig } from '@courier/server-util-config';

export const SERVER_NAME = 'e2e.local';

export interface TestServer {
  baseUrl: string;
  app: FastifyInstance;
  data: DataAccess;
  /** A local user with a password and an open session (for REST calls from the test). */
  newUser(localpart: string, opts?: { password?: string; isAdmin?: boolean }): Promise<{ userId: string; accessToken: string }>;
  close(): Promise<void>;
}

/** The real server (buildApp, as main.ts) on a free port of 127.0.0.1, on a fresh SQLite file. */
export async function startTestServer(): Promise<TestServer> {
  const database: TestDatabase = await createTestDatabase('sqlite');
  const config = loadConfig({ SERVER_NAME, DATABASE_URL: database.url, PORT: '0' });
  const data = await createDataAccess(config.DATABASE_URL);
  const app = await buildApp({ config, data });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const { port } = app.server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    app,
    data,
    async newUser(localpart, opts = {}) {
      const userId = await createUser(data.accounts, { localpart, password: opts.password ?? null, isAdmin: opts.isAdmin ?? false, serverName: SERVER_NAME, now: Date.now() });
      const s = await createSession(data.accounts, { userId, now: Date.now() });
      return { userId, accessToken: s.accessToken };
    },
    async close() {
      await app.close();
      await data.close();
      await database.drop();
    },
  };
}
