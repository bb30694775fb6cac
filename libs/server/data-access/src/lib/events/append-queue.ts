import type { AppendDecision, AppendOptions, AppendedEvent } from '@courier/server-domain';

export interface PendingAppend {
  roomId: string;
  decide: AppendDecision;
  options: AppendOptions;
  resolve(events: AppendedEvent[]): void;
  reject(err: unknown): void;
}

/**
 * Collects appends into batches for group commit: one batch is written at a time, and the
 * appends that arrive meanwhile form the next, so batches grow with load and a lone append
 * waits no longer than one event-loop turn.
 */
export class AppendQueue {
  private pending: PendingAppend[] = [];
  private writing = false;
  private scheduled = false;

  constructor(private readonly write: (batch: PendingAppend[]) => Promise<void>, private readonly maxBatch = 256) {}

  push(roomId: string, decide: AppendDecision, options: AppendOptions): Promise<AppendedEvent[]> {
    return new Promise((resolve, reject) => {
      this.pending.push({ roomId, decide, options, resolve, reject });
      this.schedule();
    });
  }

  private schedule(): void {
    if (this.writing || this.scheduled) return;
    this.scheduled = true;
    setImmediate(() => void this.drain());
  }

  private async drain(): Promise<void> {
    this.scheduled = false;
    if (this.writing || this.pending.length === 0) return;
    this.writing = true;
    const batch = this.pending.splice(0, this.maxBatch);
    try {
      await this.write(batch);
    } catch (err) {
      for (const item of batch) item.reject(err);
    } finally {
      this.writing = false;
      if (this.pending.length > 0) this.schedule();
    }
  }
}
