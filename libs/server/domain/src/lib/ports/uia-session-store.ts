/**
 * User-interactive auth sessions (uia_sessions), kept in the database so a client may continue
 * a session on any instance. The state is an opaque JSON document owned by the domain's UIA
 * rules (see accounts/uia.ts); the store only keeps it.
 */
export interface UiaSessionStore {
  create(sessionId: string, state: string, now: number): Promise<void>;
  /** The stored state, or undefined when unknown or created before `notBefore`. */
  get(sessionId: string, notBefore: number): Promise<string | undefined>;
  update(sessionId: string, state: string): Promise<void>;
  /** Forgets sessions created before `before` (housekeeping; called on create). */
  prune(before: number): Promise<void>;
}
