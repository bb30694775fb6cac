import type { ServerOptions } from 'node:http';

/**
 * Limits of the HTTP server itself, below Fastify's routes. The body limit is MAX_BODY_BYTES
 * (per route where smaller) and JSON nesting is the strict parser's DEFAULT_MAX_JSON_DEPTH;
 * these cover the connection.
 */
export interface ServerLimits {
  /** Request line plus headers; more is 431 M_TOO_LARGE (Node's parser, answered in client-error). */
  maxHeaderBytes: number;
  /** Time to receive all headers; a slowloris trickle is cut off with 408. */
  headersTimeoutMs: number;
  /** Time to receive the whole request, body included (not the response: /sync may wait longer). */
  requestTimeoutMs: number;
  /** How long an idle keep-alive connection is kept; above the 60 s idle timeout of common proxies. */
  keepAliveTimeoutMs: number;
  /** How often Node checks the two timeouts above; they fire up to this much late. */
  connectionsCheckingIntervalMs: number;
}

export const SERVER_LIMITS: ServerLimits = {
  maxHeaderBytes: 16_384,
  headersTimeoutMs: 10_000,
  requestTimeoutMs: 30_000,
  keepAliveTimeoutMs: 72_000,
  connectionsCheckingIntervalMs: 2_000,
};

/** The Fastify options that apply `limits` (Node checks headersTimeout ≤ requestTimeout). */
export function serverLimitOptions(limits: ServerLimits): { requestTimeout: number; keepAliveTimeout: number; http: ServerOptions } {
  return {
    requestTimeout: limits.requestTimeoutMs,
    keepAliveTimeout: limits.keepAliveTimeoutMs,
    http: {
      maxHeaderSize: limits.maxHeaderBytes,
      headersTimeout: Math.min(limits.headersTimeoutMs, limits.requestTimeoutMs),
      requestTimeout: limits.requestTimeoutMs,
      keepAliveTimeout: limits.keepAliveTimeoutMs,
      connectionsCheckingInterval: limits.connectionsCheckingIntervalMs,
      // Checked in client-error.plugin.ts instead, so the 400 has a JSON body.
      requireHostHeader: false,
    },
  };
}
