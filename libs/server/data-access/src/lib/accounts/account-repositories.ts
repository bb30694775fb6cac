import type { AccountDataStore, E2eKeyStore, KeyBackupStore, PresenceStore, ProfileStore, RegistrationNonceStore, ToDeviceStore, UiaSessionStore } from '@courier/server-domain';
import type { Database } from '../db/database';
import { PrismaRegistrationNonceStore } from './prisma-registration-nonce-store';
import { PrismaUiaSessionStore } from './prisma-uia-session-store';
import { SqlAccountDataStore } from './sql-account-data-store';
import { SqlE2eKeyStore } from './sql-e2e-key-store';
import { SqlKeyBackupStore } from './sql-key-backup-store';
import { SqlToDeviceStore } from './sql-to-device-store';
import { SqlPresenceStore } from '../profiles/sql-presence-store';
import { SqlProfileStore } from '../profiles/sql-profile-store';

/** The stores behind the account and client-plumbing endpoints, over one database. */
export interface AccountRepositories {
  uiaSessions: UiaSessionStore;
  registrationNonces: RegistrationNonceStore;
  accountData: AccountDataStore;
  e2eKeys: E2eKeyStore;
  toDevice: ToDeviceStore;
  /** Profiles, the user directory and forgotten rooms. */
  profiles: ProfileStore;
  presence: PresenceStore;
  keyBackup: KeyBackupStore;
}

export function createAccountRepositories(db: Database): AccountRepositories {
  return {
    uiaSessions: new PrismaUiaSessionStore(db),
    registrationNonces: new PrismaRegistrationNonceStore(db),
    accountData: new SqlAccountDataStore(db),
    e2eKeys: new SqlE2eKeyStore(db),
    toDevice: new SqlToDeviceStore(db),
    profiles: new SqlProfileStore(db),
    presence: new SqlPresenceStore(db),
    keyBackup: new SqlKeyBackupStore(db),
  };
}
