import type { ToDeviceSend, ToDeviceStore } from '@courier/server-domain';
import type { Database } from '../db/database';
import { claimStream, runTransaction, step, type TxBody } from './sql-transaction';

const INSERT_TXN =
  'INSERT INTO to_device_txns (user_id, device_id, txn_id, created_at) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING';
const INSERT_MESSAGE =
  'INSERT INTO to_device_messages (stream, user_id, device_id, sender, type, content, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7)';

/**
 * To-device messages (to_device_messages) with their transaction record (to_device_txns), in
 * one transaction: the txn row's primary key decides exactly-once, so a retransmission, even
 * a concurrent one on another instance, writes nothing. Recipient devices are read inside
 * the transaction, so "*" means the devices that exist when the messages commit.
 */
export class SqlToDeviceStore implements ToDeviceStore {
  constructor(private readonly db: Database) {}

  send(input: ToDeviceSend): Promise<{ duplicate: boolean; recipients: string[] }> {
    return runTransaction(this.db, function* (): TxBody<{ duplicate: boolean; recipients: string[] }> {
      const txn = yield step(INSERT_TXN, input.sender, input.senderDeviceId, input.txnId, input.now);
      if (txn.changes === 0) return { duplicate: true, recipients: [] };
      const rows: Array<{ userId: string; deviceId: string; content: string }> = [];
      const devicesOf = new Map<string, Set<string>>();
      for (const t of input.targets) {
        let devices = devicesOf.get(t.userId);
        if (!devices) {
          const r = yield step('SELECT device_id FROM devices WHERE user_id = $1', t.userId);
          devices = new Set(r.rows.map((d) => String(d['device_id'])));
          devicesOf.set(t.userId, devices);
        }
        const targets = t.deviceId === '*' ? [...devices].sort() : devices.has(t.deviceId) ? [t.deviceId] : [];
        for (const deviceId of targets) rows.push({ userId: t.userId, deviceId, content: t.content });
      }
      if (rows.length === 0) return { duplicate: false, recipients: [] };
      const first = yield* claimStream('to_device', rows.length);
      for (const [i, r] of rows.entries()) {
        yield step(INSERT_MESSAGE, first + i, r.userId, r.deviceId, input.sender, input.type, r.content, input.now);
      }
      return { duplicate: false, recipients: [...new Set(rows.map((r) => r.userId))] };
    });
  }

  async deleteInbox(userId: string, deviceId: string): Promise<void> {
    await this.db.prisma.toDeviceMessage.deleteMany({ where: { user_id: userId, device_id: deviceId } });
  }
}
