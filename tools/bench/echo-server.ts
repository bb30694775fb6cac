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
