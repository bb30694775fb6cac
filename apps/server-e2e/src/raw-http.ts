import { connect } from 'node:net';

export interface RawResponse {
  status: number;
  headers: Record<string, string>;
  body: Buffer;
}

/** A response, or the server closing (or resetting) the connection before a whole one arrived. */
export type RawOutcome = { kind: 'response'; response: RawResponse } | { kind: 'closed'; partial: string };

const HEAD_END = Buffer.from('\r\n\r\n');

/**
 * One request over a fresh TCP connection, written byte for byte as given: for what fetch
 * refuses to send (invalid UTF-8 in paths, duplicate or oversized headers, broken chunking).
 * Reads the first response only. Rejects when nothing conclusive arrives within `timeoutMs`:
 * that is a hang.
 */
export function rawExchange(port: number, request: Buffer | string, opts: { timeoutMs?: number; head?: boolean } = {}): Promise<RawOutcome> {
  const timeoutMs = opts.timeoutMs ?? 10_000;
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    let data = Buffer.alloc(0);
    let settled = false;
    const finish = (outcome: RawOutcome | Error) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      socket.destroy();
      if (outcome instanceof Error) reject(outcome);
      else resolve(outcome);
    };
    const timer = setTimeout(() => finish(new Error(`no answer within ${timeoutMs} ms; got ${JSON.stringify(data.subarray(0, 200).toString('latin1'))}`)), timeoutMs);
    socket.on('data', (chunk: Buffer) => {
      data = Buffer.concat([data, chunk]);
      const outcome = parseResponse(data, opts.head ?? false);
      if (outcome) finish(outcome);
    });
    socket.on('error', () => undefined); // EPIPE/ECONNRESET while we still write: judged on close
    socket.on('close', () => finish(parseResponse(data, opts.head ?? false, true) ?? { kind: 'closed', partial: data.subarray(0, 200).toString('latin1') }));
    socket.write(request);
  });
}

/** The first complete response in `data`, if there is one yet. */
function parseResponse(data: Buffer, head: boolean, ended = false): { kind: 'response'; response: RawResponse } | undefined {
  const end = data.indexOf(HEAD_END);
  if (end < 0) return undefined;
  const [statusLine = '', ...lines] = data.subarray(0, end).toString('latin1').split('\r\n');
  const status = Number(/^HTTP\/1\.[01] (\d{3})/.exec(statusLine)?.[1] ?? NaN);
  const headers: Record<string, string> = {};
  for (const line of lines) {
    const colon = line.indexOf(':');
    if (colon > 0) headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  const rest = data.subarray(end + 4);
  const done = (body: Buffer) => ({ kind: 'response' as const, response: { status, headers, body } });
  if (head || status === 204 || status === 304 || (status >= 100 && status < 200)) return done(Buffer.alloc(0));
  if (headers['content-length'] !== undefined) {
    const length = Number(headers['content-length']);
    return rest.length >= length ? done(rest.subarray(0, length)) : undefined;
  }
  if (/chunked/i.test(headers['transfer-encoding'] ?? '')) return dechunk(rest, done);
  return ended ? done(rest) : undefined;
}

function dechunk<T>(rest: Buffer, done: (body: Buffer) => T): T | undefined {
  const parts: Buffer[] = [];
  let at = 0;
  for (;;) {
    const lineEnd = rest.indexOf('\r\n', at);
    if (lineEnd < 0) return undefined;
    const size = parseInt(rest.subarray(at, lineEnd).toString('latin1'), 16);
    if (Number.isNaN(size)) return undefined;
    if (size === 0) return done(Buffer.concat(parts));
    if (rest.length < lineEnd + 2 + size + 2) return undefined;
    parts.push(rest.subarray(lineEnd + 2, lineEnd + 2 + size));
    at = lineEnd + 2 + size + 2;
  }
}

/** A request's bytes: request line, headers (repeats allowed), and a body framed by Content-Length unless told otherwise. */
export function rawRequest(method: string, target: string, headers: Array<[string, string]>, body: Buffer | string = '', opts: { noContentLength?: boolean } = {}): Buffer {
  const bodyBytes = typeof body === 'string' ? Buffer.from(body, 'utf8') : body;
  const all = opts.noContentLength ? headers : [...headers, ['Content-Length', String(bodyBytes.length)] as [string, string]];
  const head = `${method} ${target} HTTP/1.1\r\n${all.map(([k, v]) => `${k}: ${v}\r\n`).join('')}\r\n`;
  return Buffer.concat([Buffer.from(head, 'latin1'), bodyBytes]);
}
