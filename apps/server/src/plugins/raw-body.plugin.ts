import type { FastifyInstance, FastifyRequest } from 'fastify';
import { badJson, notJson } from '@courier/shared-matrix-errors';

/**
 * Every body is read as raw bytes, whatever its Content-Type (the spec says clients SHOULD
 * send one, so its absence is no error). Routes parse it themselves: event content with the
 * strict canonical-JSON reader (numbers as written, duplicate keys), other bodies with JSON.parse.
 * Fastify's bodyLimit (per route where smaller) refuses an oversized Content-Length before the
 * body arrives and cuts a chunked body off at the limit.
 */
export function registerRawBody(app: FastifyInstance): void {
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { parseAs: 'buffer' }, (_req, body, done) => done(null, body));
  // Fastify answers 415 for a body with an empty or missing Content-Type; Matrix reads it as JSON.
  app.addHook('onRequest', (request, _reply, done) => {
    if (!request.headers['content-type']) request.headers['content-type'] = 'application/json';
    done();
  });
}

/**
 * For operations whose body is a stream (media uploads): inside the plugin that registers them,
 * the buffering parser above is replaced by one that hands the request stream on unread, so the
 * use case can stream it to storage with its own limit. A refused upload (413) leaves the rest
 * of its body unread, so its connection is closed rather than drained.
 */
export function registerStreamingBodies(scoped: FastifyInstance): void {
  scoped.removeAllContentTypeParsers();
  scoped.addContentTypeParser('*', (_request, payload, done) => done(null, payload));
  scoped.addHook('onSend', async (_request, reply) => {
    if (reply.statusCode === 413) reply.header('connection', 'close');
  });
}

/** The raw body bytes (empty when none was sent). */
export function rawBody(request: FastifyRequest): Buffer {
  return Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
}

/**
 * A JSON object body for non-event endpoints: not JSON → 400 M_NOT_JSON; not an object →
 * 400 M_BAD_JSON. JSON.parse keeps `__proto__` as a plain own key, so no prototype is touched.
 */
export function jsonObjectBody(request: FastifyRequest, { allowEmpty = false } = {}): Record<string, unknown> {
  const raw = rawBody(request);
  if (raw.length === 0 && allowEmpty) return {};
  let value: unknown;
  try {
    value = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(raw));
  } catch {
    throw notJson('Request body is not valid JSON');
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw badJson('Request body must be a JSON object');
  }
  return value as Record<string, unknown>;
}
