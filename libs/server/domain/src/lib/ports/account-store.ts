export interface UserRecord {
  userId: string;
  localpart: string;
  passwordHash: string | null;
  isAdmin: boolean;
  deactivated: boolean;
  locked: boolean;
  displayname: string | null;
  createdAt: number;
}

export interface DeviceRecord {
  userId: string;
  deviceId: string;
  displayName: string | null;
  createdAt: number;
  lastSeenTs: number | null;
}

/** What an access token resolves to; the token itself is only ever known by its hash. */
export interface TokenRecord {
  tokenHash: string;
  userId: string;
  deviceId: string;
  expiresAt: number | null;
  user: Pick<UserRecord, 'isAdmin' | 'deactivated' | 'locked'>;
}

export class UserExistsError extends Error {
  constructor(readonly userId: string) {
    super(`user ${userId} exists`);
    this.name = 'UserExistsError';
  }
}

export interface AccountStore {
  /** Throws UserExistsError when the localpart is taken (unique index). */
  createUser(user: Omit<UserRecord, 'deactivated' | 'locked' | 'displayname'> & { displayname?: string | null }): Promise<void>;
  getUser(userId: string): Promise<UserRecord | undefined>;
  /** Creates the device, or keeps an existing one of this user (re-login with device_id). */
  upsertDevice(device: { userId: string; deviceId: string; displayName: string | null; now: number }): Promise<void>;
  listDevices(userId: string): Promise<DeviceRecord[]>;
  getDevice(userId: string, deviceId: string): Promise<DeviceRecord | undefined>;
  /** Sets a device's display name; false when the user has no such device. */
  renameDevice(userId: string, deviceId: string, displayName: string): Promise<boolean>;
  createAccessToken(token: { tokenHash: string; userId: string; deviceId: string; now: number; expiresAt: number | null }): Promise<void>;
  findAccessToken(tokenHash: string): Promise<TokenRecord | undefined>;
  deleteAccessToken(tokenHash: string): Promise<void>;
  /** Removes the device and its tokens; returns the removed token hashes so caches can drop them. */
  deleteDevice(userId: string, deviceId: string): Promise<string[]>;
  /** Every token of the user; returns the removed hashes so caches can drop them. */
  deleteAllTokensOfUser(userId: string): Promise<string[]>;
  setPasswordHash(userId: string, passwordHash: string): Promise<void>;
  setAdmin(userId: string, isAdmin: boolean): Promise<void>;
  setDeactivated(userId: string, deactivated: boolean): Promise<void>;
}
