/**
 * What the send use case reports to the outside (apps/server turns it into Prometheus
 * counters). A port, so this lib stays free of any metrics library; every method is called
 * at most once per request, after the outcome is known.
 */
export interface SendMetrics {
  /** A new event was committed. */
  sent(): void;
  /** A request was answered with an event an earlier request with the same txn made. */
  dedupeHit(): void;
  /** 400 M_DUPLICATE_ANNOTATION: the unique annotation index refused a second reaction. */
  duplicateAnnotation(): void;
  /** 429 M_LIMIT_EXCEEDED. */
  rateLimited(): void;
}

export const NO_SEND_METRICS: SendMetrics = {
  sent: () => undefined,
  dedupeHit: () => undefined,
  duplicateAnnotation: () => undefined,
  rateLimited: () => undefined,
};
