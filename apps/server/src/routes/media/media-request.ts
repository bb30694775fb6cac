import type { FastifyReply, FastifyRequest } from 'fastify';
import { Readable } from 'node:stream';
import { mediaHeaders } from '@courier/server-feature-media';
import type { MediaRecord } from '@courier/server-domain';

const EMPTY: AsyncIterable<Uint8Array> = Readable.from([]);

/** The request body as a stream (empty when none was sent). */
export function bodyStream(request: FastifyRequest): AsyncIterable<Uint8Array> {
  const body = request.body as unknown;
  return body && typeof (body as AsyncIterable<Uint8Array>)[Symbol.asyncIterator] === 'function' ? (body as AsyncIterable<Uint8Array>) : EMPTY;
}

/**
 * The Content-Type as the client sent it: raw-body.plugin.ts fills a missing one in as JSON for
 * the JSON endpoints, so read the raw header list, where that fill-in is not.
 */
export function sentContentType(request: FastifyRequest): string | undefined {
  const raw = request.raw.rawHeaders;
  for (let i = 0; i + 1 < raw.length; i += 2) if (raw[i]?.toLowerCase() === 'content-type') return raw[i + 1];
  return undefined;
}

export function declaredLength(request: FastifyRequest): number | undefined {
  const v = request.headers['content-length'];
  return v !== undefined && /^\d+$/.test(v) ? Number(v) : undefined;
}

/** Sends stored bytes with the download headers (Content-Disposition, nosniff, CSP). */
export function sendMedia(reply: FastifyReply, record: Pick<MediaRecord, 'contentType' | 'fileName' | 'size'>, body: AsyncIterable<Uint8Array>) {
  reply.headers(mediaHeaders(record.contentType, record.fileName));
  if (record.size !== null) reply.header('content-length', String(record.size));
  return reply.send(Readable.from(body, { objectMode: false }));
}
