import type { JsonValue } from '../json';

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
  setDeviceKeys(userId: string, deviceId: string, keys: JsonValue): Promise<void>;
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
  /** Removes the device's identity, one-time and fallback keys (logout, device deletion). */
  deleteDeviceKeys(userId: string, deviceId: string): Promise<void>;
}
