import Fastify from 'fastify';

/**
 * A bare Fastify route with the send's path, method and body: Fastify's own JSON body parser,
 * no hooks, no plugins, a fixed answer. Courier's send minus this is what Courier's hooks, auth,
 * validation, event building and storage cost; this minus the node:http echo is Fastify.
 */
export async function startFastifyEcho(port: number): Promise<{ close(): Promise<void> }> {
  const app = Fastify({ logger: false, keepAliveTimeout: 60_000 });
  app.put('/_matrix/client/v3/rooms/:roomId/send/:eventType/:txnId', async (req) => {
    if (typeof req.body !== 'object' || req.body === null) throw new Error('not an object');
    return { event_id: '$echo' };
  });
  await app.listen({ port, host: '127.0.0.1' });
  return { close: () => app.close() };
}

/** In its own process, like the echo and Courier. */
export async function spawnFastifyEcho(port: number): Promise<{ pid: number | undefined; close(): Promise<void> }> {
  const { spawn } = await import('node:child_process');
  const { fileURLToPath } = await import('node:url');
  const child = spawn(process.execPath, ['--import', 'tsx', fileURLToPath(import.meta.url), String(port)], { stdio: 'inherit' });
  for (;;) {
    try {
      const res = await fetch(`http://127.0.0.1:${port}/_matrix/client/v3/rooms/r/send/m.room.message/t`, { method: 'PUT', body: '{}', headers: { 'content-type': 'application/json' } });
      if (res.ok) break;
    } catch {
      // not yet
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  return { pid: child.pid, close: () => new Promise((resolve) => { child.once('exit', () => resolve()); child.kill('SIGTERM'); }) };
}

if (process.argv[1] && process.argv[1].endsWith('fastify-echo.ts') && process.argv[2]) {
  void startFastifyEcho(Number(process.argv[2]));
}
