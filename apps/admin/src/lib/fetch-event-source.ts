/**
 * A minimal EventSource on fetch, for tRPC's httpSubscriptionLink: the browser's EventSource
 * cannot send an Authorization header, and the gateway reads the token from that header only
 * (never from the URL, which ends up in logs). Speaks the SSE wire format, reconnects after a
 * dropped stream with `Last-Event-ID` (the gateway resumes from it without gaps), and turns an
 * error response (bad token, missing scope) into tRPC's `serialized-error` event so the caller
 * gets the gateway's errcode rather than a bare "connection failed".
 */
import { parseSseChunk, type SseMessage } from './sse-parser';

export interface FetchEventSourceInit {
  headers?: Record<string, string>;
  withCredentials?: boolean;
}

export interface SseEvent {
  type: string;
  data: string;
  lastEventId: string;
}

type Listener = (event: SseEvent) => void;

const DEFAULT_RETRY_MS = 2_000;

export class FetchEventSource {
  static readonly CONNECTING = 0;
  static readonly OPEN = 1;
  static readonly CLOSED = 2;
  readonly CONNECTING = 0;
  readonly OPEN = 1;
  readonly CLOSED = 2;
  readyState = 0;

  private readonly listeners = new Map<string, Set<Listener>>();
  private readonly abort = new AbortController();
  private lastEventId = '';
  private retryMs = DEFAULT_RETRY_MS;
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    readonly url: string,
    private readonly init: FetchEventSourceInit = {},
  ) {
    void this.connect();
  }

  addEventListener(type: string, listener: Listener): void {
    let set = this.listeners.get(type);
    if (!set) this.listeners.set(type, (set = new Set()));
    set.add(listener);
  }

  removeEventListener(type: string, listener: Listener): void {
    this.listeners.get(type)?.delete(listener);
  }

  close(): void {
    this.readyState = this.CLOSED;
    clearTimeout(this.timer);
    this.abort.abort();
  }

  private emit(type: string, data = '', lastEventId = this.lastEventId): void {
    for (const l of [...(this.listeners.get(type) ?? [])]) l({ type, data, lastEventId });
  }

  private async connect(): Promise<void> {
    if (this.readyState === this.CLOSED) return;
    this.readyState = this.CONNECTING;
    try {
      const headers: Record<string, string> = { accept: 'text/event-stream', ...this.init.headers };
      if (this.lastEventId) headers['last-event-id'] = this.lastEventId;
      const res = await fetch(this.url, { headers, cache: 'no-store', credentials: 'omit', signal: this.abort.signal });
      const type = res.headers.get('content-type') ?? '';
      if (!res.ok || !type.startsWith('text/event-stream') || !res.body) return await this.refuse(res);
      this.readyState = this.OPEN;
      this.emit('open');
      await this.read(res.body);
    } catch {
      // Network failure or abort: handled below.
    }
    if (this.readyState === this.CLOSED) return;
    this.readyState = this.CONNECTING;
    this.emit('error');
    this.timer = setTimeout(() => void this.connect(), this.retryMs);
  }

  /** An error response: the gateway's error shape if there is one, then stop for good. */
  private async refuse(res: Response): Promise<void> {
    const body = (await res.json().catch(() => null)) as { error?: unknown } | null;
    this.readyState = this.CLOSED;
    if (body && typeof body.error === 'object' && body.error !== null) {
      this.emit('serialized-error', JSON.stringify(body.error));
    } else {
      this.emit('error');
    }
  }

  private async read(body: ReadableStream<Uint8Array>): Promise<void> {
    const reader = body.getReader();
    const decoder = new TextDecoder();
    let buffer = '';
    for (;;) {
      const { done, value } = await reader.read();
      if (done || this.readyState === this.CLOSED) return;
      buffer += decoder.decode(value, { stream: true });
      const parsed = parseSseChunk(buffer);
      buffer = parsed.rest;
      parsed.messages.forEach((m) => this.dispatch(m));
    }
  }

  private dispatch(m: SseMessage): void {
    if (m.retry !== undefined) this.retryMs = m.retry;
    if (m.id !== undefined) this.lastEventId = m.id;
    if (m.data === undefined) return;
    this.emit(m.event ?? 'message', m.data);
  }
}
