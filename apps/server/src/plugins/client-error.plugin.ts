import { STATUS_CODES } from 'node:http';
import type { Duplex } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import { unrecognized, type Errcode } from '@courier/shared-matrix-errors';
import { sendMatrixError } from './matrix-error-handler.plugin';

/**
 * Answers for what never reaches a Fastify route: requests Node's HTTP parser refuses, CONNECT,
 * and HTTP/1.1 without Host. Node (or Fastify's default) would answer those with an empty body,
 * a `{"statusCode":…}` body or a silent close; every Courier error is a Matrix JSON error.
 */

/** What Node's HTTP parser refused, as a Matrix error: status and errcode. */
function answerFor(code: string | undefined): { status: number; errcode: Errcode; error: string } {
  switch (code) {
    case 'HPE_HEADER_OVERFLOW':
      return { status: 431, errcode: 'M_TOO_LARGE', error: 'Request headers too large' };
    case 'ERR_HTTP_REQUEST_TIMEOUT':
      return { status: 408, errcode: 'M_UNKNOWN', error: 'Request not received in time' };
    default:
      return { status: 400, errcode: 'M_UNRECOGNIZED', error: 'Malformed HTTP request' };
  }
}

/** Writes a whole HTTP/1.1 error response straight to the socket, then closes it. */
function writeRawError(socket: Duplex, status: number, errcode: Errcode, error: string): void {
  const body = JSON.stringify({ errcode, error });
  socket.end(
    `HTTP/1.1 ${status} ${STATUS_CODES[status] ?? ''}\r\n` +
      'Content-Type: application/json\r\n' +
      'Access-Control-Allow-Origin: *\r\n' +
      `Content-Length: ${Buffer.byteLength(body)}\r\n` +
      'Connection: close\r\n\r\n' +
      body,
  );
  // end() lets the answer drain before FIN; a peer that never closes its side is cut off.
  setTimeout(() => socket.destroy(), 1_000).unref();
}

/**
 * Fastify's `clientErrorHandler`: oversized headers (431 M_TOO_LARGE), request timeouts (408)
 * and malformed HTTP (400 M_UNRECOGNIZED). As Node does, nothing is written once a response
 * on this socket has begun, since extra bytes would corrupt it.
 */
export function answerClientError(this: FastifyInstance, err: Error & { code?: string }, socket: Duplex): void {
  if (err.code === 'ECONNRESET' || socket.destroyed) return;
  this.log.debug({ code: err.code }, 'client error');
  const inFlight = (socket as Duplex & { _httpMessage?: { headersSent?: boolean } })._httpMessage;
  if (!socket.writable || inFlight?.headersSent) {
    socket.destroy();
    return;
  }
  const { status, errcode, error } = answerFor(err.code);
  writeRawError(socket, status, errcode, error);
}

/**
 * CONNECT (Node closes the socket silently when nobody listens) is 405; HTTP/1.1 without Host
 * is 400 as RFC 9112 requires, answered here because Node's own check (turned off in
 * server-limits.ts) replies with an empty body.
 */
export function registerHttpEdgeAnswers(app: FastifyInstance): void {
  app.server.on('connect', (_req, socket: Duplex) => writeRawError(socket, 405, 'M_UNRECOGNIZED', 'Unrecognized request: method not allowed'));
  app.addHook('onRequest', (request, reply, done) => {
    if (request.raw.httpVersion === '1.1' && request.headers.host === undefined) {
      reply.header('connection', 'close');
      void sendMatrixError(reply, unrecognized('Missing Host header', 400));
      return;
    }
    done();
  });
}
