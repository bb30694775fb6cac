import { invalidParam } from '@courier/shared-matrix-errors';
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
  /** `set_presence`: online or unavailable mark the user so; offline or absent change nothing. */
  setPresence: 'online' | 'unavailable' | 'offline' | undefined;
}

/**
 * /sync's query (sync.yaml). `set_presence` must be online, unavailable or offline (else 400
 * M_INVALID_PARAM, as Synapse). Every parameter it does not know is ignored (`_cacheBuster`,
 * `use_state_after` …).
 */
export function parseSyncParams(query: QueryParams): SyncParams {
  const since = stringParam(query, 'since');
  return {
    since: since === undefined || since === '' ? undefined : parseSyncToken(since),
    timeoutMs: intParam(query, 'timeout', MAX_SYNC_TIMEOUT_MS) ?? 0,
    fullState: boolParam(query, 'full_state') ?? false,
    filter: stringParam(query, 'filter'),
    setPresence: presenceParam(stringParam(query, 'set_presence')),
  };
}

function presenceParam(value: string | undefined): SyncParams['setPresence'] {
  if (value === undefined || value === 'online' || value === 'unavailable' || value === 'offline') return value;
  throw invalidParam('set_presence must be online, unavailable or offline');
}
