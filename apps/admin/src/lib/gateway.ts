import { createTRPCClient, httpLink, httpSubscriptionLink, splitLink, type TRPCClient } from '@trpc/client';
import type { AppRouter } from '@courier/server-trpc-gateway';
import { FetchEventSource, type FetchEventSourceInit } from './fetch-event-source';

/** Where the server mounts the gateway (same origin as the app: the CSP allows nothing else). */
export const GATEWAY_PATH = '/_courier/trpc';

export type Gateway = TRPCClient<AppRouter>;

/**
 * The typed gateway client of a signed-in admin: queries and mutations over plain HTTP (no
 * transformer, as the gateway speaks plain JSON), subscriptions over SSE; every request carries
 * the admin's Matrix access token as `Authorization: Bearer`.
 */
export function createGateway(token: string, origin: string = window.location.origin): Gateway {
  const url = `${origin}${GATEWAY_PATH}`;
  const headers = { authorization: `Bearer ${token}` };
  return createTRPCClient<AppRouter>({
    links: [
      splitLink({
        condition: (op) => op.type === 'subscription',
        true: httpSubscriptionLink<AppRouter, typeof FetchEventSource>({
          url,
          EventSource: FetchEventSource,
          eventSourceOptions: (): FetchEventSourceInit => ({ headers }),
        }),
        false: httpLink({ url, headers: () => headers }),
      }),
    ],
  });
}
