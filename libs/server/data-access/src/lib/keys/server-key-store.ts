import { randomBytes } from 'node:crypto';
import type { Database } from '../db/database';

export interface StoredSigningKey {
  keyId: string;
  seed: Buffer;
}

/**
 * The server's ed25519 signing key, generated on first start and kept in the database, so
 * every instance on a shared database signs with the same key. Two instances starting at once
 * may both insert one; both then use the oldest, so they still agree.
 */
export async function loadOrCreateSigningKey(db: Database, now = Date.now()): Promise<StoredSigningKey> {
  const pick = async () =>
    db.prisma.serverKey.findFirst({ orderBy: [{ created_at: 'asc' }, { key_id: 'asc' }] });
  let row = await pick();
  if (!row) {
    const keyId = `ed25519:a_${randomBytes(3).toString('base64url').replace(/[-_]/g, 'x')}`;
    await db.prisma.serverKey.create({ data: { key_id: keyId, seed: randomBytes(32).toString('base64'), created_at: BigInt(now) } });
    row = await pick();
  }
  if (!row) throw new Error('signing key vanished after insert');
  return { keyId: row.key_id, seed: Buffer.from(row.seed, 'base64') };
}
