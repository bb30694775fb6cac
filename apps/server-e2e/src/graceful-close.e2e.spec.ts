import { connect } from 'node:net';
import { describe, expect, it } from 'vitest';
import { startListeningServer } from './listening-server';

/**
 * app.close() while a request is in flight on a keep-alive connection: the request is
 * answered (with `Connection: close`), and close() returns right after, not when the
 * connection's keep-alive time (72 s) runs out. main.ts's SIGTERM deadline is 9 s.
 */
describe('closing with a request in flight (SQLite)', () => {
  it('answers it, then closes its connection at once', async () => {
    const server = await startListeningServer('sqlite');
    const { accessToken } = await server.newUser('closing');
    const port = Number(new URL(server.baseUrl).port);
    const socket = connect(port, '127.0.0.1');
    let answer = '';
    const closedBySocket = new Promise<void>((resolve) => socket.on('close', () => resolve()));
    socket.on('data', (d) => (answer += d.toString('latin1')));
    socket.on('error', () => undefined);
    const body = '{"name":"in flight"}';
    socket.write(`POST /_matrix/client/v3/createRoom HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${accessToken}\r\nContent-Length: ${body.length}\r\n\r\n${body.slice(0, 4)}`);
    await new Promise((r) => setTimeout(r, 200));

    const started = Date.now();
    const closing = server.app.close();
    await new Promise((r) => setTimeout(r, 100));
    socket.write(body.slice(4));
    await closing;
    const closeMs = Date.now() - started;
    await closedBySocket;

    expect(answer).toMatch(/^HTTP\/1\.1 200 /);
    expect(answer).toMatch(/\r\nconnection: close\r\n/i);
    expect(closeMs).toBeLessThan(3_000);
    await server.data.close();
    await server.database.drop();
  });
});
