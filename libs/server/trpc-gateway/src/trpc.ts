/**
 * The gateway's only initTRPC. Three parts, as in create-t3-turbo's trpc.ts: the context type,
 * the initialisation (errorFormatter), and the builders every router uses. `t` stays private:
 * import `createTRPCRouter`, `publicProcedure` and `scopedProcedure` from here.
 */
import { initTRPC } from '@trpc/server';
import { MatrixError, forbidden } from '@courier/shared-matrix-errors';
import type { ServiceScope } from '@courier/server-domain';
import type { GatewayContext } from './context';
import { describeError, errorShapeOf, toTRPCError } from './lib/errors';

// ── initialisation ───────────────────────────────────────────────────────────────────────
const t = initTRPC.context<GatewayContext>().create({
  // No transformer: plain JSON in and out, so any language's HTTP client can call the gateway.
  // Never a stack trace in a response, whatever NODE_ENV says.
  isDev: false,
  /**
   * Every error leaves with the Matrix view of it in `data` (see errorShapeOf). This also
   * fixes the code of errors thrown mid-subscription, which no middleware sees.
   */
  errorFormatter({ shape, error, type }) {
    return errorShapeOf(describeError(error, type), shape.data.path);
  },
  sse: {
    // Pings keep proxies from closing a quiet stream; the client reconnects (with its
    // lastEventId) if neither pings nor events arrive for a while.
    ping: { enabled: true, intervalMs: 15_000 },
    client: { reconnectAfterInactivityMs: 45_000 },
  },
});

// ── builders ─────────────────────────────────────────────────────────────────────────────
export const createTRPCRouter = t.router;
export const createCallerFactory = t.createCallerFactory;

/**
 * Use cases throw MatrixError (the same errors REST answers with); tRPC would wrap those as
 * INTERNAL_SERVER_ERROR. This turns them into a TRPCError of the matching code, keeping the
 * MatrixError as `cause`, so callers through createCaller see the same codes as HTTP clients.
 */
const matrixErrors = t.middleware(async ({ next }) => {
  const result = await next();
  if (!result.ok && result.error.cause instanceof MatrixError) throw toTRPCError(result.error.cause);
  return result;
});

/** Needs no token (nothing is public yet; kept so health checks can be added without auth). */
export const publicProcedure = t.procedure.use(matrixErrors);

/**
 * Needs a caller holding `scope`: no or a bad token → 401 (M_MISSING_TOKEN, M_UNKNOWN_TOKEN),
 * a token without the scope → 403 M_FORBIDDEN. Runs before input validation, so an anonymous
 * caller learns nothing about the input schema.
 */
export const scopedProcedure = (scope: ServiceScope) =>
  publicProcedure.use(async ({ ctx, next }) => {
    const principal = await ctx.principal();
    if (!principal.scopes.has(scope)) throw forbidden(`This token lacks the ${scope} scope`);
    return next({ ctx: { ...ctx, principal } });
  });
