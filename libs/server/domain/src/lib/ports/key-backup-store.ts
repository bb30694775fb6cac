import type { JsonObject } from '../json';

/** A backup version as /room_keys/version returns it (etag and count of its sessions). */
export interface BackupVersionInfo {
  version: string;
  algorithm: string;
  authData: JsonObject;
  etag: string;
  count: number;
}

/** One backed-up session (KeyBackupData): session_data is encrypted by the client. */
export interface BackupSession {
  firstMessageIndex: number;
  forwardedCount: number;
  isVerified: boolean;
  sessionData: JsonObject;
}

export interface StoredBackupSession extends BackupSession {
  roomId: string;
  sessionId: string;
}

/** Which keys a GET or DELETE of /room_keys/keys addresses: all, one room's, or one session. */
export interface BackupScope {
  roomId?: string;
  sessionId?: string;
}

/** The version is not the user's current one (M_WRONG_ROOM_KEYS_VERSION carries the current). */
export class WrongBackupVersionError extends Error {
  constructor(readonly currentVersion: string | undefined) {
    super('wrong backup version');
    this.name = 'WrongBackupVersionError';
  }
}

/**
 * Server-side key backup (key_backup.yaml). A version is created, replaced (auth_data) and
 * deleted; keys are stored only into the current version, each session replacing the stored
 * one by the spec's rule (see shouldReplaceBackupSession), in one transaction that also bumps
 * the etag when anything changed.
 */
export interface KeyBackupStore {
  createVersion(userId: string, algorithm: string, authData: JsonObject): Promise<string>;
  /** The given version, or the newest one; deleted or unknown → undefined. */
  getVersion(userId: string, version?: string): Promise<BackupVersionInfo | undefined>;
  /** False when the version does not exist (or was deleted). */
  updateVersion(userId: string, version: string, algorithm: string, authData: JsonObject): Promise<boolean>;
  /** Deletes the version and its keys; false when it does not exist. */
  deleteVersion(userId: string, version: string): Promise<boolean>;
  /** Throws WrongBackupVersionError unless `version` is the current one. */
  putSessions(userId: string, version: string, sessions: StoredBackupSession[]): Promise<{ etag: string; count: number }>;
  getSessions(userId: string, version: string, scope: BackupScope): Promise<StoredBackupSession[]>;
  deleteSessions(userId: string, version: string, scope: BackupScope): Promise<{ etag: string; count: number }>;
}
