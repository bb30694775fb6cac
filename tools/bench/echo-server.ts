import { createServer } from 'node:http';

/**
 * The ceiling: a bare node:http server that answers the send PUT with a fixed event_id after
 * reading and parsing the JSON body. Whatever Courier does beyond this is its own cost.
 */
export function startEchoServer(port: number): Promise<{ close(): Promise<void> }> {
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      try {
        JSON.parse(Buffer.concat(chunks).toString('utf8'));
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end('{"event_id":"$echo"}');
      } catch {
        res.writeHead(400, { 'content-type': 'application/json' });
        res.end('{"errcode":"M_NOT_JSON","error":"bad"}');
      }
    });
  });
  server.keepAliveTimeout = 60_000;
  return new Promise((resolve) =>
    server.listen(port, '127.0.0.1', () => resolve({ close: () => new Promise((r) => server.close(() => r())) })),
  );
}

/**
 * The echo as its own process, like Courier: the load generator must not share its event loop
 * with the server it measures, or the ceiling comes out low.
 */
export async function spawnEchoServer(port: number): Promise<{ pid: number | undefined; close(): Promise<void> }> {
  const { spawn } = await import('node:child_process');
  const { fileURLToPath } = await import('node:url');
  const child = spawn(process.execPath, ['--import', 'tsx', fileURLToPath(import.meta.url), String(port)], { stdio: 'inherit' });
  for (;;) {
    try {
      const res = await fetch(`http://127.0.0.1:${port}/`, { method: 'PUT', body: '{}' });
      if (res.ok) break;
    } catch {
      // not yet
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  return { pid: child.pid, close: () => new Promise((resolve) => { child.once('exit', () => resolve()); child.kill('SIGTERM'); }) };
}

if (process.argv[1] && process.argv[1].endsWith('echo-server.ts') && process.argv[2]) {
  void startEchoServer(Number(process.argv[2]));
}
