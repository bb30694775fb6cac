import type {
  AccountDataStore,
  AccountStore,
  E2eKeyStore,
  KeyBackupStore,
  LoginThrottle,
  Notifier,
  PresenceStore,
  ProfileStore,
  RegistrationNonceStore,
  ToDeviceStore,
  UiaSessionStore,
} from '@courier/server-domain';

/** What the account and client-plumbing use cases need: stores, policy and the clock. */
export interface AccountDeps {
  accounts: AccountStore;
  uiaSessions: UiaSessionStore;
  registrationNonces: RegistrationNonceStore;
  accountData: AccountDataStore;
  e2eKeys: E2eKeyStore;
  toDevice: ToDeviceStore;
  profiles: ProfileStore;
  presence: PresenceStore;
  /** Server-side key backup (/room_keys). */
  keyBackup: KeyBackupStore;
  /** Woken after account data and to-device writes, so a waiting /sync returns. */
  notifier: Notifier;
  serverName: string;
  now: () => number;
  /** ENABLE_REGISTRATION. */
  registrationEnabled: boolean;
  /** REGISTRATION_SHARED_SECRET; undefined turns the shared-secret API off. */
  sharedSecret: string | undefined;
  /** Failed password checks (login and UIA m.login.password), per user and IP. */
  loginThrottle: LoginThrottle;
}
