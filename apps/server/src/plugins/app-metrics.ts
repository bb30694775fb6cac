import { Counter, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { SendMetrics } from '@courier/server-feature-send-message';

/**
 * Every metric one app instance exports, on its own registry: several apps in one process
 * (tests, two instances side by side) then never collide in prom-client's global default.
 */
export interface AppMetrics {
  registry: Registry;
  httpRequests: Counter<'method' | 'route' | 'status'>;
  httpDuration: Histogram<'method' | 'route'>;
  dbDuration: Histogram<'operation'>;
  /** The send use case's hook, counting into this registry. */
  send: SendMetrics;
}

// Seconds; from a cached read to a long-polling /sync.
const HTTP_BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];
const DB_BUCKETS = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5];

export function createAppMetrics(): AppMetrics {
  const registry = new Registry();
  const registers = [registry];
  // process_* and nodejs_* gauges, event-loop lag (nodejs_eventloop_lag_*) sampled every 10 ms.
  collectDefaultMetrics({ register: registry, eventLoopMonitoringPrecision: 10 });
  const counter = (name: string, help: string) => new Counter({ name, help, registers });
  const sent = counter('courier_send_events_total', 'Events committed by the send use case');
  const dedupe = counter('courier_send_txn_dedupe_hits_total', 'Sends answered with the event of an earlier request with the same transaction');
  const annotations = counter('courier_send_duplicate_annotations_total', 'Sends refused with M_DUPLICATE_ANNOTATION');
  const limited = counter('courier_send_rate_limited_total', 'Sends refused with M_LIMIT_EXCEEDED');
  return {
    registry,
    httpRequests: new Counter({
      name: 'courier_http_requests_total',
      help: 'HTTP requests by method, route pattern and status code',
      labelNames: ['method', 'route', 'status'] as const,
      registers,
    }),
    httpDuration: new Histogram({
      name: 'courier_http_request_duration_seconds',
      help: 'HTTP request latency by method and route pattern',
      labelNames: ['method', 'route'] as const,
      buckets: HTTP_BUCKETS,
      registers,
    }),
    dbDuration: new Histogram({
      name: 'courier_db_query_duration_seconds',
      help: 'Event store operation latency (append is the whole write transaction)',
      labelNames: ['operation'] as const,
      buckets: DB_BUCKETS,
      registers,
    }),
    send: {
      sent: () => sent.inc(),
      dedupeHit: () => dedupe.inc(),
      duplicateAnnotation: () => annotations.inc(),
      rateLimited: () => limited.inc(),
    },
  };
}
