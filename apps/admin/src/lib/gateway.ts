import { createGatewayClient, type GatewayClient } from '@courier/shared-gateway-client';

/** Where the server mounts the gateway (same origin as the app: the CSP allows nothing else). */
export const GATEWAY_PATH = '/_courier/trpc';

export type Gateway = GatewayClient;

/**
 * The typed gateway client of a signed-in admin (the shared client lib: plain JSON, queries
 * batched, subscriptions over SSE with the token in the Authorization header).
 */
export function createGateway(token: string, origin: string = window.location.origin): Gateway {
  return createGatewayClient({ url: `${origin}${GATEWAY_PATH}`, token });
}
