import { expect } from 'vitest';
import { TRPCError, getErrorShape } from '@trpc/server';
import { createDataAccess, type DataAccess } from '@courier/server-data-access';
import { createServiceToken, createSession, createUser, type ServiceScope } from '@courier/server-domain';
import { createSendMessageDeps } from '@courier/server-feature-send-message';
import { createRoom } from '@courier/server-feature-rooms';
import { changeMembership } from '@courier/server-feature-rooms';
import { FakeRateLimiter, createTestDatabase, type DbKind, type TestDatabase } from '@courier/server-testing';
import { createContextInner, type GatewayServices } from './context';
import { appRouter } from './root.router';
import { createCallerFactory } from './trpc';

export const SERVER_NAME = 'gateway.test';
const createCaller = createCallerFactory(appRouter);
export type Caller = ReturnType<typeof createCaller>;

export interface GatewayHarness {
  data: DataAccess;
  services: GatewayServices;
  rateLimiter: FakeRateLimiter;
  /** A caller presenting `token` as its bearer token (null: no Authorization header). */
  caller(token: string | null): Caller;
  /** A fresh service token holding `scopes`. */
  serviceToken(...scopes: ServiceScope[]): Promise<string>;
  user(localpart: string, options?: { admin?: boolean }): Promise<{ userId: string; accessToken: string; deviceId: string }>;
  createRoom(creator: string, body?: Record<string, unknown>): Promise<string>;
  join(userId: string, roomId: string): Promise<void>;
  close(): Promise<void>;
}

let n = 0;

/**
 * The gateway over a real, fresh database, wired as apps/server wires it: the router tests run
 * the real use cases and stores, through createCaller (no HTTP).
 */
export async function startGatewayHarness(kind: DbKind): Promise<GatewayHarness> {
  const database: TestDatabase = await createTestDatabase(kind);
  const data = await createDataAccess(database.url);
  const now = Date.now;
  const rateLimiter = new FakeRateLimiter();
  const common = { events: data.events, serverName: SERVER_NAME, signingKey: data.signingKey, now };
  const services: GatewayServices = {
    send: createSendMessageDeps({ ...common, rateLimiter, rateLimitExempt: new Set() }),
    rooms: common,
    reader: data.reader,
    accounts: data.accounts,
    serviceTokens: data.serviceTokens,
    admin: data.admin,
    aliases: data.aliases,
    notifier: data.notifier,
    serverName: SERVER_NAME,
    now,
  };
  return {
    data,
    services,
    rateLimiter,
    caller: (token) => createCaller(createContextInner({ services, auth: { token } })),
    async serviceToken(...scopes) {
      const created = await createServiceToken(data.serviceTokens, { name: `svc-${n++}`, scopes, now: now() });
      return created.token;
    },
    async user(localpart, options = {}) {
      const userId = await createUser(data.accounts, { localpart: `${localpart}-${n++}`, password: null, isAdmin: options.admin ?? false, serverName: SERVER_NAME, now: now() });
      const s = await createSession(data.accounts, { userId, now: now() });
      return { userId, accessToken: s.accessToken, deviceId: s.deviceId };
    },
    async createRoom(creator, body = {}) {
      return (await createRoom(common, creator, body)).roomId;
    },
    async join(userId, roomId) {
      await changeMembership(common, { roomId, sender: userId, action: 'join', target: userId });
    },
    async close() {
      await data.close();
      await database.drop();
    },
  };
}

/**
 * The rejection of `call` as a client would see it: the TRPCError's code, plus the `data` the
 * errorFormatter writes (createCaller skips the formatter, so it is applied here).
 */
export async function rejection(call: Promise<unknown>, type: 'query' | 'mutation' | 'subscription' = 'query') {
  const err = await call.then(
    () => expect.fail('expected the call to fail'),
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(TRPCError);
  const error = err as TRPCError;
  const shape = getErrorShape({ config: appRouter._def._config, error, type, path: undefined, input: undefined, ctx: undefined });
  return { code: error.code, message: shape.message, data: shape.data };
}
