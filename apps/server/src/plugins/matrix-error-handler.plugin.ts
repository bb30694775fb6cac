import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { MatrixError, tooLarge, notJson, unrecognized } from '@courier/shared-matrix-errors';
import FindMyWay, { type HTTPMethod } from 'find-my-way';
import { createServerFaultLog, isServerFault } from './server-fault-log';

const METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS'] as const;

/** Maps Fastify's own errors (body limits, parser failures) onto Matrix errors. */
function fromFastifyError(err: FastifyError): MatrixError | undefined {
  switch (err.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return tooLarge('Request body too large');
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
      return notJson('Request body is not valid JSON');
    case 'FST_ERR_VALIDATION':
      return new MatrixError(err.validationContext === 'body' ? 'M_BAD_JSON' : 'M_INVALID_PARAM', err.message);
    default:
      break;
  }
  if (typeof err.statusCode === 'number' && err.statusCode >= 400 && err.statusCode < 500) {
    return new MatrixError(err.statusCode === 404 ? 'M_NOT_FOUND' : 'M_UNRECOGNIZED', 'Bad request', { status: err.statusCode });
  }
  return undefined;
}

export function sendMatrixError(reply: FastifyReply, err: MatrixError): FastifyReply {
  return reply.code(err.status).headers(err.headers).send(err.toBody());
}

/**
 * Fastify's `frameworkErrors` option: what the router refuses before any hook or the error
 * handler runs (a malformed percent-escape in the path: 400; a path parameter longer than
 * maxParamLength: 414). Fastify's own answer has no errcode and echoes the path, which may
 * carry a token; this one is a Matrix error like every other. CORS is set here because the
 * onRequest hooks never ran.
 */
export function answerFrameworkError(err: FastifyError, _request: FastifyRequest, reply: FastifyReply): void {
  reply.header('access-control-allow-origin', '*');
  void sendMatrixError(reply, fromFastifyError(err) ?? new MatrixError('M_UNKNOWN', 'Internal server error'));
}

/**
 * The one REST error handler: a MatrixError becomes its status and `{errcode, error}` (a
 * database fault arrives as one already, 503 or 507 with Retry-After: data-access's
 * translateFaults); a Fastify client error becomes the matching Matrix error; anything else is
 * logged with the request's context and answered with a generic 500 M_UNKNOWN: never a stack
 * trace.
 * Unknown paths are 404 M_UNRECOGNIZED, and a known path with another method 405.
 */
export function registerMatrixErrorHandler(app: FastifyInstance): void {
  // A shadow router of every route, to tell "no such path" (404) from "wrong method" (405).
  const shadow = FindMyWay({ ignoreTrailingSlash: false, caseSensitive: true, maxParamLength: 4096 });
  app.addHook('onRoute', (route) => {
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    for (const m of methods) {
      if (m !== 'HEAD' && !shadow.hasRoute(m as HTTPMethod, route.url)) {
        shadow.on(m as HTTPMethod, route.url, () => undefined);
      }
    }
  });

  const logServerFault = createServerFaultLog();
  app.setErrorHandler((err: FastifyError, request: FastifyRequest, reply: FastifyReply) => {
    if (err instanceof MatrixError) {
      if (isServerFault(err)) logServerFault(request.log, err);
      return sendMatrixError(reply, err);
    }
    const mapped = fromFastifyError(err);
    if (mapped) {
      if (mapped.status === 413) reply.header('connection', 'close');
      return sendMatrixError(reply, mapped);
    }
    request.log.error({ err }, 'unhandled error');
    return sendMatrixError(reply, new MatrixError('M_UNKNOWN', 'Internal server error'));
  });

  app.setNotFoundHandler((request: FastifyRequest, reply: FastifyReply) => {
    const path = request.url.split('?')[0] ?? '/';
    const allowed = METHODS.filter((m) => m !== request.method && shadow.find(m, path) !== null);
    if (allowed.length > 0) {
      reply.header('allow', allowed.join(', '));
      return sendMatrixError(reply, unrecognized('Unrecognized request: method not allowed', 405));
    }
    return sendMatrixError(reply, unrecognized('Unrecognized request'));
  });
}
