import { InProcessNotifier, type AccountStore, type EventStore } from '@courier/server-domain';
import { PrismaAccountStore } from './accounts/prisma-account-store';
import type { Database } from './db/database';
import { migrate } from './db/migrator';
import { openDatabase } from './db/open-database';
import { PostgresEventStore } from './events/postgres-event-store';
import { SqliteEventStore } from './events/sqlite-event-store';
import { NotifyingEventStore } from './events/notifying-event-store';
import { loadOrCreateSigningKey, type StoredSigningKey } from './keys/server-key-store';

export interface DataAccess {
  db: Database;
  events: EventStore;
  accounts: AccountStore;
  signingKey: StoredSigningKey;
  /** Wakes long-polls after commits; cross-instance transports forward into it. */
  notifier: InProcessNotifier;
  close(): Promise<void>;
}

/** Opens the database, applies pending migrations, and builds the repositories over it. */
export async function createDataAccess(databaseUrl: string, options: { migrate?: boolean } = {}): Promise<DataAccess> {
  const db = openDatabase(databaseUrl);
  try {
    if (options.migrate !== false) await migrate(db);
    const signingKey = await loadOrCreateSigningKey(db);
    const notifier = new InProcessNotifier();
    const store = db.kind === 'sqlite' ? new SqliteEventStore(db) : new PostgresEventStore(db);
    return {
      db,
      notifier,
      events: new NotifyingEventStore(store, notifier),
      accounts: new PrismaAccountStore(db),
      signingKey,
      close: () => db.close(),
    };
  } catch (err) {
    await db.close().catch(() => undefined);
    throw err;
  }
}
