import { boolParam, intParam, stringParam } from '../query-params';
import type { QueryParams } from '../reading-deps';
import { parseSyncToken, type SyncToken } from '../tokens';

/** Long-polls wait at most this long, whatever the client asks (proxies cut idle requests). */
export const MAX_SYNC_TIMEOUT_MS = 30_000;

export interface SyncParams {
  since: SyncToken | undefined;
  timeoutMs: number;
  fullState: boolean;
  filter: string | undefined;
}

/**
 * /sync's query (sync.yaml). `set_presence` is accepted and ignored (Courier has no presence),
 * as is every parameter it does not know (`_cacheBuster`, `use_state_after` …).
 */
export function parseSyncParams(query: QueryParams): SyncParams {
  const since = stringParam(query, 'since');
  return {
    since: since === undefined || since === '' ? undefined : parseSyncToken(since),
    timeoutMs: intParam(query, 'timeout', MAX_SYNC_TIMEOUT_MS) ?? 0,
    fullState: boolParam(query, 'full_state') ?? false,
    filter: stringParam(query, 'filter'),
  };
}
