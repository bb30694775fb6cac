/**
 * A small EventSource over `fetch`, for httpSubscriptionLink. Node 20 has no global EventSource
 * (and the `eventsource` package is not installed), and the browser's cannot send an
 * Authorization header; this one can, in both. It follows the WHATWG parsing rules (event, data,
 * id, retry; comments; CR, LF or CRLF) and reconnects after a dropped stream with
 * `Last-Event-ID`, as a browser does. A non-2xx or non-SSE response closes it for good.
 */
export interface FetchEventSourceInit {
  headers?: Record<string, string>;
  fetch?: typeof fetch;
  /** Accepted for EventSource compatibility; credentials are never sent (tokens go in headers). */
  withCredentials?: boolean;
}

export interface SourceEvent {
  type: string;
  data?: string;
  lastEventId?: string;
  status?: number;
  error?: unknown;
}

type Listener = (event: SourceEvent) => void;

const sleep = (ms: number, signal: AbortSignal) =>
  new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener('abort', () => (clearTimeout(timer), resolve()), { once: true });
  });

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
  private retryMs = 1000;

  constructor(
    readonly url: string,
    private readonly init: FetchEventSourceInit = {},
  ) {
    void this.run();
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
    this.abort.abort();
  }

  private dispatch(event: SourceEvent): void {
    for (const l of [...(this.listeners.get(event.type) ?? [])]) l(event);
  }

  private async run(): Promise<void> {
    const doFetch = this.init.fetch ?? fetch;
    while (this.readyState !== this.CLOSED) {
      try {
        const headers: Record<string, string> = { accept: 'text/event-stream', 'cache-control': 'no-cache', ...this.init.headers };
        if (this.lastEventId) headers['last-event-id'] = this.lastEventId;
        const res = await doFetch(this.url, { headers, signal: this.abort.signal });
        if (!res.ok || !res.body || !(res.headers.get('content-type') ?? '').startsWith('text/event-stream')) {
          await res.body?.cancel().catch(() => undefined);
          if (this.readyState === this.CLOSED) return;
          this.readyState = this.CLOSED;
          return this.dispatch({ type: 'error', status: res.status });
        }
        this.readyState = this.OPEN;
        this.dispatch({ type: 'open', status: res.status });
        await this.read(res.body);
      } catch (error) {
        if (this.readyState === this.CLOSED) return;
        this.dispatch({ type: 'error', error });
      }
      if (this.readyState === this.CLOSED) return;
      // The stream ended or failed: reconnect after `retry`, resuming from the last event ID.
      this.readyState = this.CONNECTING;
      this.dispatch({ type: 'error' });
      await sleep(this.retryMs, this.abort.signal);
    }
  }

  private async read(body: ReadableStream<Uint8Array>): Promise<void> {
    const reader = body.getReader();
    const decoder = new TextDecoder();
    let buffer = '';
    let data: string[] = [];
    let eventType = '';
    const onLine = (line: string) => {
      if (line === '') {
        if (data.length > 0) this.dispatch({ type: eventType || 'message', data: data.join('\n'), lastEventId: this.lastEventId });
        data = [];
        eventType = '';
        return;
      }
      if (line.startsWith(':')) return;
      const colon = line.indexOf(':');
      const field = colon < 0 ? line : line.slice(0, colon);
      let value = colon < 0 ? '' : line.slice(colon + 1);
      if (value.startsWith(' ')) value = value.slice(1);
      if (field === 'event') eventType = value;
      else if (field === 'data') data.push(value);
      else if (field === 'id' && !value.includes('\0')) this.lastEventId = value;
      else if (field === 'retry' && /^\d+$/.test(value)) this.retryMs = Number(value);
    };
    for (;;) {
      const { done, value } = await reader.read();
      buffer += done ? decoder.decode() : decoder.decode(value, { stream: true });
      // A CR at the very end may be the first half of a CRLF: keep it until more arrives.
      for (let m = /\r\n|\r(?!$)|\n/.exec(buffer); m; m = /\r\n|\r(?!$)|\n/.exec(buffer)) {
        onLine(buffer.slice(0, m.index));
        buffer = buffer.slice(m.index + m[0].length);
      }
      if (done || this.readyState === this.CLOSED) return;
    }
  }
}
