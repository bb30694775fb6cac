import { connect } from 'node:net';
import { startListeningServer } from './listening-server';

function raw(port: number, data: string | Buffer, ms = 3000): Promise<string> {
  return new Promise((resolve) => {
    const s = connect(port, '127.0.0.1');
    let out = '';
    const t = setTimeout(() => { s.destroy(); resolve(`TIMEOUT after ${ms}: ${out}`); }, ms);
    s.on('data', (d) => (out += d.toString('latin1')));
    s.on('error', (e) => { out += ` <error ${(e as NodeJS.ErrnoException).code}>`; });
    s.on('close', () => { clearTimeout(t); resolve(out || '<closed, nothing>'); });
    s.write(data);
  });
}
const s = await startListeningServer('sqlite');
const port = Number(new URL(s.baseUrl).port);
const cases: Record<string, string | Buffer> = {
  connect: 'CONNECT example.com:443 HTTP/1.1\r\nHost: example.com:443\r\n\r\n',
  upgrade: 'GET /_matrix/client/versions HTTP/1.1\r\nHost: x\r\nConnection: Upgrade\r\nUpgrade: websocket\r\n\r\n',
  bigHeader: `GET /health HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(20000)}\r\n\r\n`,
  badChunk: 'PUT /_matrix/client/v3/createRoom HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\nabc\r\n0\r\n\r\n',
  smuggle: 'POST /_matrix/client/v3/createRoom HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n',
  longParam: `PUT /_matrix/client/v3/rooms/${'a'.repeat(5000)}/send/m.room.message/t HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\n\r\n{}`,
  pct: 'GET /_matrix/client/v3/rooms/%zz/messages HTTP/1.1\r\nHost: x\r\n\r\n',
  pct2: 'PUT /_matrix/client/v3/rooms/%e9%/send/m.room.message/%ff HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\n\r\n{}',
  garbage: 'HELLO THERE\r\n\r\n',
  noHost: 'GET /health HTTP/1.1\r\n\r\n',
  abs: 'GET http://x/health HTTP/1.1\r\nHost: x\r\n\r\n',
  star: 'OPTIONS * HTTP/1.1\r\nHost: x\r\n\r\n',
  badCl: 'PUT /_matrix/client/v3/createRoom HTTP/1.1\r\nHost: x\r\nContent-Length: abc\r\n\r\n{}',
  twoCl: 'POST /_matrix/client/v3/createRoom HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\nContent-Length: 3\r\n\r\n{}',
  http10: 'GET /health HTTP/1.0\r\n\r\n',
  ctrlHeader: 'GET /health HTTP/1.1\r\nHost: x\r\nX-A: a\u0001b\r\n\r\n',
  propfind: 'PROPFIND /health HTTP/1.1\r\nHost: x\r\n\r\n',
  query: 'GET /_matrix/client/v3/account/whoami?access_token=a&access_token=b HTTP/1.1\r\nHost: x\r\n\r\n',
  protoq: 'GET /_matrix/client/v3/account/whoami?__proto__[x]=1&constructor[prototype][y]=2 HTTP/1.1\r\nHost: x\r\n\r\n',
  deep: `POST /_matrix/client/v3/createRoom HTTP/1.1\r\nHost: x\r\nContent-Length: 200000\r\n\r\n${'['.repeat(100000)}${']'.repeat(100000)}`,
};
for (const [name, req] of Object.entries(cases)) {
  const r = await raw(port, req);
  console.log(`== ${name}:`, JSON.stringify(r.slice(0, 400)));
}
await s.close();
