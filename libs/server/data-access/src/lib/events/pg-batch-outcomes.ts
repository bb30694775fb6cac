import { TxnConflictError, type AppendedEvent, type TxnKey } from '@courier/server-domain';
import type { PendingAppend } from './append-queue';
import { txnIdOf, type Pass } from './pg-batch-pass';
import type { RoomChain } from './pg-room-chain';

/** What became of each append of a batch, until they are answered after the commit. */
export class BatchOutcomes {
  private readonly appended = new Map<PendingAppend, AppendedEvent[]>();
  private readonly failed = new Map<PendingAppend, unknown>();
  /** Refused because an earlier append of the batch took the same txn: answered with its event. */
  private readonly lostTxns = new Map<PendingAppend, TxnKey>();
  private readonly txnEvents = new Map<string, string>();

  has(item: PendingAppend): boolean {
    return this.appended.has(item) || this.failed.has(item) || this.lostTxns.has(item);
  }

  fail(item: PendingAppend, err: unknown): void {
    this.failed.set(item, err);
  }

  loseTxn(item: PendingAppend, key: TxnKey): void {
    this.lostTxns.set(item, key);
  }

  /**
   * A written try: its appends get positions base+1… in order, its decision refusals stand, and
   * its rooms move on (in `chains`, the batch's view of its rooms).
   */
  accept(pass: Pass, base: number, chains: Map<string, RoomChain>): void {
    let position = base;
    for (const { item, drafts } of pass.decided) {
      this.appended.set(item, drafts.map((d) => ({ eventId: d.eventId, stream: (position += 1) })));
      for (const d of drafts) if (d.txn) this.txnEvents.set(txnIdOf(d.txn), d.eventId);
    }
    for (const [item, err] of pass.refused) this.failed.set(item, err);
    for (const chain of pass.chains.values()) {
      chain.settle();
      chains.set(chain.roomId, chain);
    }
  }

  /** After the commit: answers each of `items` that has an outcome; returns those that have none. */
  answer(items: PendingAppend[]): PendingAppend[] {
    return items.filter((item) => {
      const events = this.appended.get(item);
      const lostTxn = this.lostTxns.get(item);
      if (events) item.resolve(events);
      else if (lostTxn) item.reject(new TxnConflictError(this.txnEvents.get(txnIdOf(lostTxn))));
      else if (this.failed.has(item)) item.reject(this.failed.get(item));
      else return true;
      return false;
    });
  }
}
