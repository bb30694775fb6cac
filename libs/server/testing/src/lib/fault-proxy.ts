import { connect, createServer, type Socket } from 'node:net';

/**
 * How the proxy treats connections: `pass` forwards them; `refuse` closes every connection at
 * once, open ones included (the server went away); `blackhole` forwards nothing either way and
 * never answers (a network partition, or a host that is gone without a word).
 */
export type FaultProxyMode = 'pass' | 'refuse' | 'blackhole';

/**
 * A TCP proxy in front of PostgreSQL that injects faults at exact points: the way to lose a
 * connection *during* COMMIT, or to make the database unreachable, without touching a server
 * others use. Point DATABASE_URL at `port`; connections pass through untouched until told.
 */
export interface FaultProxy {
  port: number;
  /** `postgresql://…` of `url` with its host and port replaced by this proxy's. */
  via(url: string): string;
  setMode(mode: FaultProxyMode): void;
  /**
   * Arms a cut: the next time a client sends bytes containing `pattern` (a statement's text,
   * e.g. `COMMIT`, or a prepared statement's name, which every execution carries), that
   * connection is cut. With `forward: true` the bytes reach the server first (so it runs the
   * statement: a COMMIT commits) but its answer never reaches the client; with `forward: false`
   * the server never sees them (a COMMIT never happens). Either way the client sees the
   * connection die with the statement in flight. Resolves once the cut is done.
   */
  cutAt(pattern: string, options: { forward: boolean; settleMs?: number }): Promise<void>;
  close(): Promise<void>;
}

interface Link {
  down: Socket;
  up?: Socket;
  /** Bytes are no longer forwarded (cut, or blackholed). */
  held: boolean;
  end(): void;
}

export async function startFaultProxy(target: { host?: string; port: number }): Promise<FaultProxy> {
  const links = new Set<Link>();
  let mode: FaultProxyMode = 'pass';
  let armed: { pattern: Buffer; forward: boolean; settleMs: number; done(): void } | undefined;

  const server = createServer((down) => {
    const link: Link = {
      down,
      held: mode === 'blackhole',
      end() {
        down.destroy();
        link.up?.destroy();
        links.delete(link);
      },
    };
    links.add(link);
    down.on('error', link.end).on('close', link.end);
    if (mode === 'refuse') return link.end();
    if (mode === 'pass') {
      const up = connect(target.port, target.host ?? '127.0.0.1');
      link.up = up;
      up.on('error', link.end).on('close', link.end);
      up.on('data', (chunk: Buffer) => {
        if (!link.held) down.write(chunk);
      });
    }
    down.on('data', (chunk: Buffer) => {
      if (link.held || !link.up) return;
      const arm = armed;
      if (arm && chunk.includes(arm.pattern)) {
        armed = undefined;
        link.held = true;
        if (arm.forward) link.up.write(chunk);
        setTimeout(() => {
          link.end();
          arm.done();
        }, arm.forward ? arm.settleMs : 0);
        return;
      }
      link.up.write(chunk);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    port,
    via(url) {
      const u = new URL(url);
      u.hostname = '127.0.0.1';
      u.port = String(port);
      return u.toString();
    },
    setMode(next) {
      mode = next;
      for (const link of [...links]) {
        if (next === 'refuse') link.end();
        else if (next === 'blackhole') link.held = true;
      }
    },
    cutAt(pattern, options) {
      return new Promise<void>((done) => {
        armed = { pattern: Buffer.from(pattern), forward: options.forward, settleMs: options.settleMs ?? 300, done };
      });
    },
    async close() {
      for (const link of [...links]) link.end();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
