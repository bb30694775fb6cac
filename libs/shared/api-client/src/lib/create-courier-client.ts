import createClient, { type Client } from 'openapi-fetch';
import type { paths, SendMessageRequest, SendMessageResponse } from '@courier/shared-api-types';
import { MatrixError } from '@courier/shared-matrix-errors';
import { OPERATIONS } from '../generated/operations.gen';
import { serializePath } from './encode-path';
import { markNetworkErrors, type FetchFn } from './network-error';
import { DEFAULT_RETRY, withRetry, type RetryOptions } from './retry';
import { unwrap } from './to-matrix-error';

export type CourierClientOptions = {
  /** The homeserver's origin, e.g. `https://matrix.example.org`; paths carry `/_matrix/...`. */
  baseUrl: string;
  /** Sent as `Authorization: Bearer <token>`. */
  accessToken?: string;
  /** Defaults to the global fetch. */
  fetch?: FetchFn;
  /** For the typed helpers only; `raw` never retries. Defaults: DEFAULT_RETRY. */
  retry?: Partial<RetryOptions>;
};

export type SendMessageInput = {
  roomId: string;
  eventType: string;
  /** Omit it and one is generated once for this call and reused by every retry. */
  txnId?: string;
  content: SendMessageRequest;
  signal?: AbortSignal;
};

export type CourierClient = {
  /** The openapi-fetch client typed with every spec path: returns `{ data, error, response }`. */
  raw: Client<paths>;
  /** PUT /rooms/{roomId}/send/{eventType}/{txnId}; throws MatrixError on a non-2xx answer. */
  sendMessage(input: SendMessageInput): Promise<SendMessageResponse>;
};

export function createCourierClient(options: CourierClientOptions): CourierClient {
  const retry: RetryOptions = { ...DEFAULT_RETRY, ...options.retry };
  const baseFetch: FetchFn = options.fetch ?? ((request) => globalThis.fetch(request));
  const helperFetch = markNetworkErrors(baseFetch);
  const raw = createClient<paths>({
    baseUrl: options.baseUrl,
    fetch: baseFetch,
    pathSerializer: serializePath,
    headers: options.accessToken === undefined ? {} : { Authorization: `Bearer ${options.accessToken}` },
  });

  return {
    raw,
    async sendMessage({ roomId, eventType, txnId = globalThis.crypto.randomUUID(), content, signal }) {
      const send = async () => {
        const result = await raw.PUT(OPERATIONS.sendMessage.fullPath, {
          params: { path: { roomId, eventType, txnId } },
          body: content,
          fetch: helperFetch,
          signal,
        });
        const data = unwrap(result);
        if (typeof data?.event_id !== 'string') {
          throw new MatrixError('M_UNKNOWN', 'sendMessage: success response has no event_id', {
            status: result.response.status,
          });
        }
        return { event_id: data.event_id };
      };
      return withRetry(send, retry, signal);
    },
  };
}
