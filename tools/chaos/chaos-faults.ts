import { createTestDatabase, ownPostgresAvailable, startOwnPostgres, type DbKind } from '@courier/server-testing';
import { sleep, type ChaosServer } from './chaos-server';

/**
 * What the chaos run does to the system under load:
 * - `kill`: kill -9 one Courier process and start it again on the same database;
 * - `db-restart`: restart PostgreSQL (`pg_ctl restart -m fast`, as a maintenance window or a
 *   managed failover does), or stop it for `downMs` and start it again; Courier keeps running.
 */
export type ChaosFault = 'kill' | 'db-restart';

/** When one fault began and when the system was whole again (the process restarted, the database accepting connections). */
export interface FaultWindow {
  startedAt: number;
  endedAt: number;
}

export interface ChaosTarget {
  databaseUrl: string;
  inject(servers: ChaosServer[]): Promise<FaultWindow>;
  drop(): Promise<void>;
}

/**
 * The database the run uses and the fault it injects. A database restart needs a PostgreSQL of
 * the run's own (initdb into a temporary directory, on a free port): restarting the shared one
 * would disturb everyone else on the machine.
 */
export async function createChaosTarget(fault: ChaosFault, db: DbKind, downMs: number): Promise<ChaosTarget> {
  if (fault === 'kill') {
    const database = await createTestDatabase(db);
    return {
      databaseUrl: database.url,
      async inject(servers) {
        const server = servers[Math.floor(Math.random() * servers.length)] as ChaosServer;
        const startedAt = Date.now();
        await server.kill();
        await server.start();
        return { startedAt, endedAt: Date.now() };
      },
      drop: () => database.drop(),
    };
  }
  if (db !== 'postgres') throw new Error('--fault db-restart needs --db postgres');
  if (!ownPostgresAvailable()) throw new Error('--fault db-restart needs the PostgreSQL server binaries (initdb, pg_ctl)');
  const postgres = await startOwnPostgres();
  try {
    const databaseUrl = await postgres.createDatabase('chaos');
    return {
      databaseUrl,
      async inject() {
        const startedAt = Date.now();
        if (downMs > 0) {
          await postgres.stop('fast');
          await sleep(downMs);
          await postgres.start();
        } else {
          await postgres.restart();
        }
        return { startedAt, endedAt: Date.now() };
      },
      drop: () => postgres.destroy(),
    };
  } catch (err) {
    await postgres.destroy();
    throw err;
  }
}
