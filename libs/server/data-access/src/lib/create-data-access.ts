import {
  InProcessNotifier,
  type AccountStore,
  type AdminStore,
  type EventReader,
  type EventStore,
  type FilterStore,
  type MediaStore,
  type RoomAliasStore,
  type RoomDirectoryStore,
  type ReceiptStore,
  type RelationReader,
  type SearchReader,
  type ServiceTokenStore,
} from '@courier/server-domain';
import { PrismaAccountStore } from './accounts/prisma-account-store';
import { createAccountRepositories, type AccountRepositories } from './accounts/account-repositories';
import type { Database } from './db/database';
import { migrate } from './db/migrator';
import { openDatabase } from './db/open-database';
import { PostgresEventStore } from './events/postgres-event-store';
import { SqliteEventStore } from './events/sqlite-event-store';
import { NotifyingEventStore } from './events/notifying-event-store';
import { loadOrCreateSigningKey, type StoredSigningKey } from './keys/server-key-store';
import { PrismaFilterStore } from './reading/prisma-filter-store';
import { PrismaServiceTokenStore } from './admin/prisma-service-token-store';
import { SqlAdminStore } from './admin/sql-admin-store';
import { SqlEventReader } from './reading/sql-event-reader';
import { SqlRelationReader } from './reading/sql-relation-reader';
import { SqlSearchReader } from './reading/sql-search-reader';
import { startPgNotifyBridge, type NotifyBridge, type NotifyBridgeOptions } from './cluster/pg-notify-bridge';
import { translateFaults } from './db/database-fault';
import { SqlMediaStore } from './media/sql-media-store';
import { SqlRoomAliasStore } from './directory/sql-room-alias-store';
import { SqlRoomDirectoryStore } from './directory/sql-room-directory-store';
import { SqlReceiptStore } from './receipts/sql-receipt-store';

export interface DataAccess {
  db: Database;
  events: EventStore;
  accounts: AccountStore;
  /** The read side: sync, /messages, state and members (libs/server/feature-sync). */
  reader: EventReader;
  filters: FilterStore;
  /** Read receipts (POST /receipt, m.receipt in /sync, unread counts). */
  receipts: ReceiptStore;
  /** Relations and threads: /relations, /threads, bundled aggregations (feature-sync). */
  relations: RelationReader;
  /** Full-text search over room events: POST /search (feature-sync). */
  search: SearchReader;
  /** UIA sessions, registration nonces, account data, E2EE keys, to-device (feature-accounts). */
  accountStores: AccountRepositories;
  signingKey: StoredSigningKey;
  /** Service tokens of the tRPC gateway (libs/server/trpc-gateway). */
  serviceTokens: ServiceTokenStore;
  /** Admin listings, stats and the global events stream (tRPC gateway). */
  admin: AdminStore;
  /** Media metadata (the bytes are in a MediaStorage, see FsMediaStorage). */
  media: MediaStore;
  /** Local room aliases. */
  aliases: RoomAliasStore;
  /** The public room list. */
  directory: RoomDirectoryStore;
  /** Wakes long-polls after commits; cross-instance transports forward into it. */
  notifier: InProcessNotifier;
  close(): Promise<void>;
}

export interface DataAccessOptions {
  /** Apply pending migrations first (default true). */
  migrate?: boolean;
  /** PostgreSQL: how often to retry the LISTEN connection once lost (tests widen the gap). */
  notify?: NotifyBridgeOptions;
}

/**
 * Opens the database, applies pending migrations, and builds the repositories over it. Every
 * store is wrapped by translateFaults: a call the database cannot serve (unreachable, restarting,
 * read-only, full) fails with a 503/507 MatrixError instead of a driver error.
 */
export async function createDataAccess(databaseUrl: string, options: DataAccessOptions = {}): Promise<DataAccess> {
  const db = openDatabase(databaseUrl);
  try {
    if (options.migrate !== false) await migrate(db);
    const signingKey = await loadOrCreateSigningKey(db);
    const notifier = new InProcessNotifier();
    // Several instances on one PostgreSQL wake each other's long-polls through LISTEN/NOTIFY.
    const bridge: NotifyBridge | undefined =
      db.kind === 'postgres' ? await startPgNotifyBridge(db.url, notifier, (sql, params) => db.pool.query(sql, params), options.notify) : undefined;
    const store = db.kind === 'sqlite' ? new SqliteEventStore(db) : new PostgresEventStore(db);
    const ceiling = store instanceof SqliteEventStore ? () => store.readableCeiling() : undefined;
    return {
      db,
      notifier,
      events: translateFaults(new NotifyingEventStore(store, notifier)),
      accounts: translateFaults(new PrismaAccountStore(db)),
      reader: translateFaults(new SqlEventReader(db, ceiling)),
      filters: translateFaults(new PrismaFilterStore(db)),
      receipts: translateFaults(new SqlReceiptStore(db)),
      relations: translateFaults(new SqlRelationReader(db)),
      search: translateFaults(new SqlSearchReader(db)),
      accountStores: translateEach(createAccountRepositories(db)),
      signingKey,
      serviceTokens: translateFaults(new PrismaServiceTokenStore(db)),
      admin: translateFaults(new SqlAdminStore(db)),
      media: translateFaults(new SqlMediaStore(db)),
      aliases: translateFaults(new SqlRoomAliasStore(db)),
      directory: translateFaults(new SqlRoomDirectoryStore(db)),
      close: async () => {
        await bridge?.close();
        await db.close();
      },
    };
  } catch (err) {
    await db.close().catch(() => undefined);
    throw err;
  }
}

/** translateFaults on each repository of a record of them. */
function translateEach<T extends object>(stores: T): T {
  return Object.fromEntries(Object.entries(stores).map(([name, store]) => [name, translateFaults(store as object)])) as T;
}
