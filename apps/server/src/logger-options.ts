import type { FastifyRequest } from 'fastify';

/** Query parameters whose values are credentials (the deprecated token parameter of the spec). */
const SECRET_PARAMS = new Set(['access_token']);
const REDACTED = '[redacted]';

/**
 * pino options for Fastify's logger, used by main.ts and by the test that proves no secret
 * reaches a log line. Fastify's own request serializer logs `req.url` whole, query included,
 * so `?access_token=` would be written out verbatim; ours masks it. The redact paths are a
 * second net for anyone who logs headers or a body by hand.
 */
export function loggerOptions(level: string): Record<string, unknown> {
  return {
    level,
    serializers: { req: serializeRequest },
    redact: {
      paths: [
        'req.headers.authorization',
        'req.headers.cookie',
        'headers.authorization',
        'headers.cookie',
        '*.headers.authorization',
        'password',
        '*.password',
        'access_token',
        '*.access_token',
        'body.password',
        'body.auth.password',
      ],
      censor: REDACTED,
    },
  };
}

function serializeRequest(req: FastifyRequest) {
  return {
    method: req.method,
    url: redactUrl(req.url),
    host: req.host,
    remoteAddress: req.ip,
    remotePort: req.socket?.remotePort,
  };
}

/**
 * The URL with every secret query value replaced. Names are compared after percent-decoding,
 * as Fastify's query parser decodes them: `access%5Ftoken=` is the same parameter.
 */
export function redactUrl(url: string): string {
  const q = url.indexOf('?');
  if (q < 0) return url;
  const pairs = url.slice(q + 1).split('&').map((pair) => {
    const eq = pair.indexOf('=');
    const name = eq < 0 ? pair : pair.slice(0, eq);
    return SECRET_PARAMS.has(decodeName(name)) ? `${name}=${REDACTED}` : pair;
  });
  return `${url.slice(0, q)}?${pairs.join('&')}`;
}

function decodeName(name: string): string {
  try {
    return decodeURIComponent(name.replace(/\+/g, ' '));
  } catch {
    return name;
  }
}
