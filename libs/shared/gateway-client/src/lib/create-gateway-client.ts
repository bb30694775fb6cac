import { createTRPCClient, httpBatchLink, httpLink, httpSubscriptionLink, splitLink, type TRPCClient } from '@trpc/client';
// Types only: the gateway's code never reaches a client bundle (STYLE.md §1.A, §2.2).
// eslint-disable-next-line @nx/enforce-module-boundaries -- a type-only import of AppRouter, the one thing clients need
import type { AppRouter } from '@courier/server-trpc-gateway';
import { FetchEventSource } from './fetch-event-source';

export type GatewayClient = TRPCClient<AppRouter>;

export interface GatewayClientOptions {
  /** The gateway's URL, e.g. `http://127.0.0.1:8008/_courier/trpc` (or the INTERNAL_PORT listener's). */
  url: string;
  /** A service token (`cst_…`) or an admin user's access token. */
  token: string;
  /** A fetch to use instead of the global one (tests, proxies). */
  fetch?: typeof fetch;
}

/**
 * A typed client of the Courier gateway. Queries are batched (httpBatchLink: one GET for what a
 * page asks at once); mutations go one per request (httpLink), so a failing write never shares
 * a response with another; subscriptions run over SSE (httpSubscriptionLink) through a
 * fetch-based EventSource that sends the token as a header and resumes with Last-Event-ID.
 * Errors are TRPCClientErrors carrying `data.errcode` (see gateway-error.ts).
 */
export function createGatewayClient(options: GatewayClientOptions): GatewayClient {
  const headers = { authorization: `Bearer ${options.token}` };
  const http = { url: options.url, headers, ...(options.fetch ? { fetch: options.fetch } : {}) };
  return createTRPCClient<AppRouter>({
    links: [
      splitLink({
        condition: (op) => op.type === 'subscription',
        true: httpSubscriptionLink({
          url: options.url,
          EventSource: FetchEventSource,
          eventSourceOptions: { headers, ...(options.fetch ? { fetch: options.fetch } : {}) },
        }),
        false: splitLink({
          condition: (op) => op.type === 'mutation',
          true: httpLink(http),
          false: httpBatchLink(http),
        }),
      }),
    ],
  });
}
