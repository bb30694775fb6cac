import type { JsonObject, JsonValue } from '../json';

/** A one-time or fallback key: `keyId` is "<algorithm>:<id>" as uploaded. */
export interface OneTimeKeyInput {
  keyId: string;
  algorithm: string;
  key: JsonValue;
}

export interface StoredDeviceKeys {
  userId: string;
  deviceId: string;
  keys: JsonValue;
  displayName: string | null;
}

export interface ClaimRequest {
  userId: string;
  deviceId: string;
  algorithm: string;
}

export interface ClaimedKey extends ClaimRequest {
  keyId: string;
  key: JsonValue;
}

export interface KeyUploadInput {
  deviceKeys?: JsonObject;
  oneTimeKeys: OneTimeKeyInput[];
  fallbackKeys: OneTimeKeyInput[];
}

/** Raised when a device's identity keys are uploaded again with different keys (Synapse: 400). */
export class DeviceKeysConflictError extends Error {
  constructor(readonly deviceId: string) {
    super(`device ${deviceId} already has other identity keys`);
    this.name = 'DeviceKeysConflictError';
  }
}

export type CrossSigningKeyType = 'master' | 'self_signing' | 'user_signing';
export const CROSS_SIGNING_KEY_TYPES: readonly CrossSigningKeyType[] = ['master', 'self_signing', 'user_signing'];
export type CrossSigningKeys = Partial<Record<CrossSigningKeyType, JsonObject>>;

/** One signature of /keys/signatures/upload, already verified. */
export interface SignatureInput {
  targetUserId: string;
  /** A device ID, or a cross-signing key's public key (unpadded base64). */
  targetKeyId: string;
  signerUserId: string;
  /** e.g. "ed25519:<public key or device ID>". */
  signerKeyId: string;
  signature: string;
}

/** Raised when a one-time key ID is uploaded again with different content. */
export class OneTimeKeyConflictError extends Error {
  constructor(readonly keyId: string) {
    super(`one-time key ${keyId} already exists with other content`);
    this.name = 'OneTimeKeyConflictError';
  }
}

/**
 * End-to-end encryption keys of devices (device_keys, one_time_keys). Fallback keys live in
 * one_time_keys too, marked by an algorithm of "fallback:<alg>" (unused) or
 * "fallback-used:<alg>" (handed out once), so counts and claims must use these methods.
 */
export interface E2eKeyStore {
  /**
   * Stores the device's identity keys and records a device-list change in the same transaction.
   * The same keys again (signatures aside) are a no-op (false); different keys under the same
   * device ID throw DeviceKeysConflictError.
   */
  setDeviceKeys(userId: string, deviceId: string, keys: JsonValue): Promise<boolean>;
  /**
   * One /keys/upload in one transaction (identity, one-time and fallback keys), so a device's
   * keys become visible together with its device-list change: a client that learns of the
   * device can claim its one-time keys at once.
   */
  uploadKeys(userId: string, deviceId: string, upload: KeyUploadInput): Promise<{ deviceKeysChanged: boolean }>;
  /** Adds keys; re-uploading an identical key is a no-op, a different one a conflict error. */
  addOneTimeKeys(userId: string, deviceId: string, keys: OneTimeKeyInput[]): Promise<void>;
  /** Replaces the device's fallback key of each given algorithm. */
  setFallbackKeys(userId: string, deviceId: string, keys: OneTimeKeyInput[]): Promise<void>;
  /** Unclaimed one-time keys per algorithm (fallback keys excluded). */
  countOneTimeKeys(userId: string, deviceId: string): Promise<Record<string, number>>;
  /** Algorithms whose fallback key has not been handed out yet (sync's device_unused_fallback_key_types). */
  unusedFallbackKeyTypes(userId: string, deviceId: string): Promise<string[]>;
  /** Device keys of the given users; an empty device list means every device of that user. */
  queryDeviceKeys(query: Array<{ userId: string; deviceIds: string[] }>): Promise<StoredDeviceKeys[]>;
  /** Atomically takes one key per request: a one-time key, else the fallback key (kept). */
  claim(requests: ClaimRequest[]): Promise<ClaimedKey[]>;
  /**
   * Removes the device's identity, one-time and fallback keys and signatures on them (logout,
   * device deletion), and records a device-list change in the same transaction.
   */
  deleteDeviceKeys(userId: string, deviceId: string): Promise<void>;
  /** Cross-signing keys per user, with every signature uploaded on them merged in. */
  crossSigningKeys(userIds: readonly string[]): Promise<Map<string, CrossSigningKeys>>;
  /** Replaces the given cross-signing keys and records a device-list change, in one transaction. */
  setCrossSigningKeys(userId: string, keys: CrossSigningKeys): Promise<void>;
  /** Stores verified signatures and records a device-list change of each target user, in one transaction. */
  addSignatures(signatures: readonly SignatureInput[]): Promise<void>;
  /** The rooms the user is joined to: whom a change of their devices concerns (wake-ups). */
  joinedRoomsOf(userId: string): Promise<string[]>;
}
