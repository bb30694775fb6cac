import type { AccountDataStore, EventReader, Notifier, ReceiptStore } from '@courier/server-domain';

/** What the receipt and read-marker use cases need. */
export interface ReceiptDeps {
  reader: EventReader;
  receipts: ReceiptStore;
  /** m.fully_read is room account data. */
  accountData: AccountDataStore;
  /** Woken after each write, so a waiting /sync returns. */
  notifier: Notifier;
  now: () => number;
}
