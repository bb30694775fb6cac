import type { AppendDecision, AppendOptions, AppendedEvent, EventDraft, EventStore, Notifier, StoredEvent, TxnKey } from '@courier/server-domain';

/**
 * Tells the notifier after each commit which rooms and which users (membership targets, e.g.
 * an invitee not yet in the room) may want to look, so long-polls wake at once.
 */
export class NotifyingEventStore implements EventStore {
  constructor(private readonly inner: EventStore, private readonly notifier: Notifier) {}

  findTxn(key: TxnKey): Promise<string | undefined> {
    return this.inner.findTxn(key);
  }

  getEvent(eventId: string): Promise<StoredEvent | undefined> {
    return this.inner.getEvent(eventId);
  }

  async append(roomId: string, decide: AppendDecision, options?: AppendOptions): Promise<AppendedEvent[]> {
    let drafts: EventDraft[] = [];
    const appended = await this.inner.append(
      roomId,
      (snapshot) => {
        drafts = decide(snapshot);
        return drafts;
      },
      options,
    );
    if (appended.length > 0) {
      const userIds = drafts.filter((d) => d.pdu.type === 'm.room.member').map((d) => String(d.pdu['state_key']));
      this.notifier.notify({ rooms: [roomId], ...(userIds.length ? { userIds } : {}) });
    }
    return appended;
  }
}
