import { MatrixError } from '@courier/shared-matrix-errors';
import {
  UIA_SESSION_TTL_MS,
  UiaRequiredError,
  decodeUiaState,
  encodeUiaState,
  generateUiaSessionId,
  isFlowComplete,
  offersStage,
  type AuthDict,
  type JsonObject,
  type UiaFlow,
  type UiaSessionState,
} from '@courier/server-domain';
import type { AccountDeps } from './account-deps';

export interface UiaRequest {
  purpose: string;
  flows: UiaFlow[];
  auth: AuthDict | undefined;
  /** The authenticated requester, for operations on an existing account. */
  userId?: string;
  /** This request's parameters, or undefined to keep those the session stored. */
  params?: JsonObject;
  passwordHash?: string;
  /** Checks one submitted stage; throws a MatrixError when it fails. */
  checkStage(type: string, auth: AuthDict): Promise<void>;
}

export interface UiaPassed {
  /** Undefined when the flow completed in one request that named no session. */
  sessionId?: string;
  state: UiaSessionState;
}

const unknownSession = () => new MatrixError('M_UNKNOWN', 'Unknown or expired UIA session', { status: 400 });

/**
 * User-Interactive Authentication (Client-Server API, "User-interactive authentication API").
 * A request whose flow is complete passes; otherwise the session is stored (so any instance
 * can continue it) and a 401 challenge is thrown. A failed stage is a 401 that also carries
 * the stage's errcode; a 429 or a 5xx (a server fault) from a stage is passed on as it is.
 */
export async function checkUia(deps: AccountDeps, req: UiaRequest): Promise<UiaPassed> {
  const now = deps.now();
  const sessionId = req.auth?.session;
  let state: UiaSessionState | undefined;
  if (sessionId !== undefined) {
    const raw = await deps.uiaSessions.get(sessionId, now - UIA_SESSION_TTL_MS);
    state = raw === undefined ? undefined : decodeUiaState(raw);
    if (!state || state.purpose !== req.purpose || (req.userId !== undefined && state.userId !== req.userId)) throw unknownSession();
  }
  const stored = state !== undefined;
  state ??= { purpose: req.purpose, completed: [], params: {}, ...(req.userId ? { userId: req.userId } : {}) };
  if (req.params) state.params = req.params;
  if (req.passwordHash) state.passwordHash = req.passwordHash;

  let failure: MatrixError | undefined;
  const type = req.auth?.type;
  if (req.auth && type !== undefined) {
    if (!offersStage(req.flows, type)) {
      failure = new MatrixError('M_UNRECOGNIZED', `Unrecognised authentication type ${type.slice(0, 80)}`, { status: 400 });
    } else {
      try {
        await req.checkStage(type, req.auth);
        if (!state.completed.includes(type)) state.completed.push(type);
      } catch (err) {
        // A stage fails only on the client's own error; a 429 or a server fault (a 503 while the
        // database is away) is answered as it is, not as "this stage failed".
        if (!(err instanceof MatrixError) || err.status === 429 || err.status >= 500) throw err;
        failure = err;
      }
    }
  }

  if (!failure && isFlowComplete(req.flows, state.completed)) {
    if (sessionId !== undefined) await deps.uiaSessions.update(sessionId, encodeUiaState(state));
    return { sessionId, state };
  }
  let id = sessionId;
  if (stored && id !== undefined) {
    await deps.uiaSessions.update(id, encodeUiaState(state));
  } else {
    id = generateUiaSessionId();
    await deps.uiaSessions.prune(now - UIA_SESSION_TTL_MS);
    await deps.uiaSessions.create(id, encodeUiaState(state), now);
  }
  throw new UiaRequiredError(req.flows, id, state.completed, failure);
}

/** The account a live session is about (e.g. the one a registration created), if any. */
export async function sessionUserId(deps: AccountDeps, sessionId: string | undefined, purpose: string): Promise<string | undefined> {
  if (sessionId === undefined) return undefined;
  const raw = await deps.uiaSessions.get(sessionId, deps.now() - UIA_SESSION_TTL_MS);
  const state = raw === undefined ? undefined : decodeUiaState(raw);
  return state?.purpose === purpose ? state.userId : undefined;
}
