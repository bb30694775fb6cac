export * from './lib/create-data-access';
export * from './lib/db/database';
export * from './lib/db/open-database';
export * from './lib/db/migrator';
export * from './lib/db/unique-violation';
export { SqliteEventStore } from './lib/events/sqlite-event-store';
export { PostgresEventStore } from './lib/events/postgres-event-store';
export { PrismaAccountStore } from './lib/accounts/prisma-account-store';
export { loadOrCreateSigningKey, type StoredSigningKey } from './lib/keys/server-key-store';
