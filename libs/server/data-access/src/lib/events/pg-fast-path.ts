import type { PoolClient } from 'pg';
import type { PendingAppend } from './append-queue';
import { BatchOutcomes } from './pg-batch-outcomes';
import { decidePass } from './pg-batch-pass';
import { writeStatement } from './pg-batch-params';
import { GUARD_REFUSED_SQLSTATE } from './pg-batch-sql';
import type { KnownRooms } from './pg-known-rooms';
import type { RoomChain } from './pg-room-chain';

/**
 * The fast path for a batch whose rooms are all known and quiet (KnownRooms): the decisions run
 * on the rooms as this instance last left them, and each try is one statement, committed on its
 * own, that locks the rooms, checks they are still as left, and writes (writeBatch). One
 * round trip per batch, and the stream row is never locked across a client round trip.
 * Stops at the first try that finds a room moved on or a guard refusing, having written nothing
 * of it; the appends it did not answer (outcomes.answer) are left for the careful path. A database failure stops
 * it too and is returned with them: the tries before it are committed and stand.
 */
export async function writeFastPath(
  client: PoolClient,
  batch: PendingAppend[],
  start: Map<string, RoomChain>,
  known: KnownRooms,
  now: number,
): Promise<{ outcomes: BatchOutcomes; error?: unknown }> {
  const outcomes = new BatchOutcomes();
  let error: unknown;
  try {
    await writeTries(client, batch, new Map(start), outcomes, known, now);
  } catch (err) {
    error = err;
  }
  return error === undefined ? { outcomes } : { outcomes, error };
}

async function writeTries(
  client: PoolClient,
  batch: PendingAppend[],
  chains: Map<string, RoomChain>,
  outcomes: BatchOutcomes,
  known: KnownRooms,
  now: number,
): Promise<void> {
  let rest = batch;
  while (rest.length > 0) {
    const pass = decidePass([], rest, chains);
    let rows: Array<{ base: string | null; fresh: boolean }>;
    try {
      ({ rows } = await client.query<{ base: string | null; fresh: boolean }>(writeStatement(pass, chains, now, true)));
    } catch (err) {
      if ((err as { code?: unknown }).code === GUARD_REFUSED_SQLSTATE) return;
      throw err;
    }
    if (rows[0]?.fresh !== true) {
      known.contend(pass.chains.keys());
      break;
    }
    outcomes.accept(pass, Number(rows[0]?.base ?? 0), chains);
    for (const chain of pass.chains.values()) known.remember(chain, true);
    rest = rest.slice(pass.covers);
  }
}
