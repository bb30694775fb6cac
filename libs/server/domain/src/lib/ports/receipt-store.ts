import type { StreamRange } from './event-reader';

/** The receipt types stored as receipts (m.fully_read is room account data instead). */
export type ReceiptType = 'm.read' | 'm.read.private';

/** A read receipt as stored: the newest per (room, type, user, thread). */
export interface Receipt {
  roomId: string;
  userId: string;
  type: ReceiptType;
  /** '' for an unthreaded receipt, 'main' or a thread root's event ID otherwise. */
  threadId: string;
  eventId: string;
  /** The receipt's event's position in the room (a receipt never moves backwards). */
  eventStream: number;
  ts: number;
  /** Its position in the 'receipts' stream (set by the store). */
  stream: number;
}

/**
 * Read receipts (receipts table, 'receipts' stream). A write claims the next position of the
 * stream in the same transaction as the upsert, so /sync pages on it like on account data.
 */
export interface ReceiptStore {
  /**
   * Stores the receipt unless one of the same key already points at a later event (Synapse:
   * receipts only move forward). Returns the new stream position, or undefined if it was older.
   */
  put(receipt: Omit<Receipt, 'stream'>): Promise<number | undefined>;
  /** The last position of the 'receipts' stream. */
  position(): Promise<number>;
  /**
   * Receipts that changed in `range` in the rooms `userId` is joined to: everyone's public
   * ones and the user's own private ones. One index seek per joined room.
   */
  changes(userId: string, range: StreamRange): Promise<Receipt[]>;
  /** The user's own receipts in a room (every type and thread). */
  ownReceipts(userId: string, roomId: string): Promise<Receipt[]>;
}
