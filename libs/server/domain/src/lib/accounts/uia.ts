import { randomBytes } from 'node:crypto';
import { MatrixError, badJson, type MatrixErrorBody } from '@courier/shared-matrix-errors';
import { isJsonObject, type JsonObject } from '../json';
import { optionalString } from './body-fields';

export interface UiaFlow {
  stages: string[];
}

/** What a user-interactive auth session remembers between requests (uia_sessions). */
export interface UiaSessionState {
  /** The operation the session authorises ("register", "password", …): never another one. */
  purpose: string;
  /** Stages completed so far. */
  completed: string[];
  /** The operation's parameters from the last request that gave any (never a password). */
  params: JsonObject;
  /** Registration: the password's hash, so the completing request need not repeat it. */
  passwordHash?: string;
  /**
   * The account the session is about: the requester of an authenticated operation, or the
   * account a registration created (so a retry makes no second one).
   */
  userId?: string;
}

/** A session is continued for an hour; a registration or password change takes seconds. */
export const UIA_SESSION_TTL_MS = 60 * 60 * 1000;

export const generateUiaSessionId = (): string => randomBytes(18).toString('base64url');

export function encodeUiaState(state: UiaSessionState): string {
  return JSON.stringify(state);
}

/** Reads a stored state; anything unreadable is treated as an unknown session. */
export function decodeUiaState(raw: string): UiaSessionState | undefined {
  try {
    const v: unknown = JSON.parse(raw);
    if (!isJsonObject(v) || typeof v['purpose'] !== 'string' || !Array.isArray(v['completed']) || !isJsonObject(v['params'])) {
      return undefined;
    }
    return v as unknown as UiaSessionState;
  } catch {
    return undefined;
  }
}

/** The `auth` member of a UIA request (auth_data.yaml): its type and session, if any. */
export interface AuthDict {
  type?: string;
  session?: string;
  fields: Record<string, unknown>;
}

export function parseAuthDict(value: unknown): AuthDict | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'object' || Array.isArray(value)) throw badJson('auth must be a JSON object');
  const fields = value as Record<string, unknown>;
  return { type: optionalString(fields, 'type', 255), session: optionalString(fields, 'session', 255), fields };
}

export function isFlowComplete(flows: readonly UiaFlow[], completed: readonly string[]): boolean {
  return flows.some((f) => f.stages.every((s) => completed.includes(s)));
}

export function offersStage(flows: readonly UiaFlow[], stage: string): boolean {
  return flows.some((f) => f.stages.includes(stage));
}

/**
 * The 401 of a UIA step (auth_response.yaml): `{flows, params, session, completed}`, plus
 * `errcode`/`error` only when a submitted stage failed. A plain challenge carries no errcode,
 * as in Synapse, so clients do not show an error before the user did anything.
 */
export class UiaRequiredError extends MatrixError {
  constructor(
    readonly flows: readonly UiaFlow[],
    readonly session: string,
    readonly completed: readonly string[],
    readonly failure?: MatrixError,
  ) {
    super(failure?.errcode ?? 'M_UNAUTHORIZED', failure?.message ?? 'Additional authentication is required', { status: 401 });
  }

  override toBody(): MatrixErrorBody {
    const body: Record<string, unknown> = { flows: this.flows, params: {}, session: this.session };
    if (this.completed.length > 0) body['completed'] = this.completed;
    if (this.failure) Object.assign(body, { errcode: this.failure.errcode, error: this.failure.message });
    return body as MatrixErrorBody;
  }
}
