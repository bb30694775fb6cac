import type { AccountStore, AdminStore, EventReader, Notifier, RoomAliasStore, ServiceTokenStore } from '@courier/server-domain';
import type { SendMessageDeps } from '@courier/server-feature-send-message';
import type { RoomDeps } from '@courier/server-feature-rooms';
import { bearerFromRawHeaders, resolvePrincipal, type GatewayAuth, type Principal } from './lib/principal';

/** What the procedures call: ports and use-case deps, wired by the app (apps/server). */
export interface GatewayServices {
  /** The REST send's own deps: one single-flight map and one rate limiter for both surfaces. */
  send: SendMessageDeps;
  rooms: RoomDeps;
  reader: EventReader;
  accounts: AccountStore;
  serviceTokens: ServiceTokenStore;
  admin: AdminStore;
  /** Local room aliases (shown on a room's page). */
  aliases: RoomAliasStore;
  notifier: Notifier;
  serverName: string;
  now: () => number;
  /** Aborted when the server closes, so open subscriptions end instead of holding close() up. */
  shutdown?: AbortSignal;
}

export interface GatewayContext {
  services: GatewayServices;
  auth: GatewayAuth;
  /** The caller, resolved on first use and shared by the calls of one (batched) request. */
  principal(): Promise<Principal>;
}

/**
 * The context from framework-neutral inputs, so tests (createCaller) and any adapter build it
 * the same way. Nothing is looked up here: public procedures need no token, and a bad token
 * must fail inside a procedure, where the error is shaped (an exception here would not be).
 */
export function createContextInner(opts: { services: GatewayServices; auth: GatewayAuth }): GatewayContext {
  let resolved: Promise<Principal> | undefined;
  return {
    services: opts.services,
    auth: opts.auth,
    principal: () => (resolved ??= resolvePrincipal(opts.services, opts.auth)),
  };
}

/** What the context needs of an adapter's request: Node's raw header pairs (Fastify's `req.raw`). */
export interface AdapterContextOptions {
  req: { raw: { rawHeaders: string[] } };
}

/** The adapter-facing context: `createContext: (opts) => createContext(services, opts)`. */
export function createContext(services: GatewayServices, opts: AdapterContextOptions): GatewayContext {
  return createContextInner({ services, auth: bearerFromRawHeaders(opts.req.raw.rawHeaders) });
}
