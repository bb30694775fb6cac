import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startListeningServer, type ListeningServer } from './listening-server';

/** Raw HTTP/1.1 over a socket: what the body limit does before any body is read. */
function rawRequest(port: number, head: string, body: (write: (chunk: string) => boolean) => void, timeoutMs = 5000): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    let data = '';
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new Error(`no answer within ${timeoutMs} ms; got: ${data.slice(0, 200)}`));
    }, timeoutMs);
    socket.on('data', (d) => {
      data += d.toString('utf8');
      if (/\r\n\r\n[\s\S]*\}/.test(data)) {
        clearTimeout(timer);
        socket.destroy();
        resolve(data);
      }
    });
    socket.on('error', () => undefined);
    socket.on('close', () => {
      clearTimeout(timer);
      resolve(data);
    });
    socket.write(head);
    body((chunk) => socket.write(chunk));
  });
}

describe('§4 body limits on a real socket (SQLite)', () => {
  let server: ListeningServer;
  let port: number;
  let token: string;
  const path = '/_matrix/client/v3/rooms/!r:e2e.local/send/m.room.message/limit';

  beforeAll(async () => {
    server = await startListeningServer('sqlite');
    port = Number(new URL(server.baseUrl).port);
    token = (await server.newUser('limits')).accessToken;
  });
  afterAll(async () => server.close());

  it('§4 a declared Content-Length over the limit is answered 413 before the body arrives', async () => {
    const started = Date.now();
    const res = await rawRequest(
      port,
      `PUT ${path} HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${token}\r\nContent-Type: application/json\r\nContent-Length: 50000000\r\n\r\n`,
      () => undefined,
    );
    expect(res).toMatch(/^HTTP\/1\.1 413/);
    expect(res).toContain('"errcode":"M_TOO_LARGE"');
    expect(Date.now() - started).toBeLessThan(3000);
  });

  it('§4 a chunked body is cut off at the limit with 413 M_TOO_LARGE', async () => {
    const chunk = 'x'.repeat(16_384);
    const res = await rawRequest(
      port,
      `PUT ${path} HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${token}\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n`,
      (write) => {
        write(`1\r\n{\r\n`);
        for (let i = 0; i < 10; i++) write(`${chunk.length.toString(16)}\r\n${chunk}\r\n`);
      },
    );
    expect(res).toMatch(/^HTTP\/1\.1 413/);
    expect(res).toContain('"errcode":"M_TOO_LARGE"');
  });
});
