import { closeSync, constants, fdatasync, fstatSync, fsyncSync, openSync, statSync } from 'node:fs';
import { dirname } from 'node:path';

/**
 * Makes a SQLite connection's commits durable without blocking the event loop.
 *
 * The event writer runs with `synchronous=NORMAL`: in WAL mode a commit then writes its frames
 * to the WAL (the OS page cache) but does not fsync it. This class fsyncs the WAL file on the
 * libuv thread pool instead, and the store acknowledges a commit only after an fsync that
 * started after it: the same on-disk guarantee as `synchronous=FULL` (the WAL holds the commit
 * before any 200 is sent), while the event loop goes on parsing and deciding the next batch.
 * fsync works on the file, whichever descriptor wrote it, so our own descriptor is enough.
 *
 * Group fsync: callers that arrive while one fsync runs all share the next one.
 *
 * A failed fsync is final. After a write-back error the kernel may already have dropped the
 * pages it could not write, so a later fsync that succeeds proves nothing about them (the
 * "fsyncgate" lesson; PostgreSQL stops rather than retry). Every later sync() fails with the
 * same error, so nothing committed from then on is acknowledged, until the process restarts and
 * reads what the disk really holds. `failure` says so (for /ready).
 */
export class WalSync {
  private fd: number | undefined;
  private inode = -1;
  private running: Promise<void> | undefined;
  private waiting: Array<{ resolve(): void; reject(err: unknown): void }> = [];
  /** The error of the first failed fsync, if any. */
  failure: unknown;

  /** @param flush fsyncs a descriptor (replaceable in tests, to watch the order of events). */
  constructor(
    private readonly walPath: string,
    private readonly flush: (fd: number) => Promise<void> = (fd) =>
      new Promise((resolve, reject) => fdatasync(fd, (err) => (err ? reject(err) : resolve()))),
  ) {}

  /** Resolves once every commit made before this call is on disk. */
  sync(): Promise<void> {
    if (this.failure !== undefined) return Promise.reject(this.failure);
    return new Promise((resolve, reject) => {
      this.waiting.push({ resolve, reject });
      if (!this.running) this.running = this.drain();
    });
  }

  private async drain(): Promise<void> {
    while (this.waiting.length > 0) {
      const round = this.waiting;
      this.waiting = [];
      try {
        await this.flush(this.descriptor());
        for (const w of round) w.resolve();
      } catch (err) {
        this.failure ??= err;
        for (const w of [...round, ...this.waiting.splice(0)]) w.reject(this.failure);
      }
    }
    this.running = undefined;
  }

  /**
   * The WAL's descriptor, reopened if the file was replaced (SQLite deletes the WAL when the
   * last connection closes, so another process may have made a new one). A new WAL's directory
   * entry is synced once, so the file itself survives a power cut.
   */
  private descriptor(): number {
    const inode = statSync(this.walPath).ino;
    if (this.fd !== undefined && inode === this.inode) return this.fd;
    if (this.fd !== undefined) closeSync(this.fd);
    this.fd = openSync(this.walPath, constants.O_RDONLY);
    this.inode = fstatSync(this.fd).ino;
    const dir = openSync(dirname(this.walPath), constants.O_RDONLY);
    try {
      syncDirectory(dir);
    } finally {
      closeSync(dir);
    }
    return this.fd;
  }

  /** Waits for the fsync in flight, then releases the descriptor. */
  async close(): Promise<void> {
    await this.running;
    if (this.fd !== undefined) closeSync(this.fd);
    this.fd = undefined;
  }
}

function syncDirectory(fd: number): void {
  // Not every filesystem lets a directory be fsynced; the WAL's data is synced either way.
  try {
    fsyncSync(fd);
  } catch {
    /* directory fsync unsupported here */
  }
}
