import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { dbKinds } from '@courier/server-testing';
import { startListeningServer, type ListeningServer } from './listening-server';
import { PASSWORD, register, sendText, signIn, waitFor, waitForDecrypted, type CryptoClient } from './e2ee/crypto-clients';

const SCRIPT = fileURLToPath(new URL('../nio/nio_e2ee.py', import.meta.url));
const PYTHON = '/usr/bin/python3';

function nioWithOlm(): boolean {
  if (!existsSync(PYTHON)) return false;
  try {
    execFileSync(PYTHON, ['-c', 'import nio, olm']);
    return true;
  } catch {
    return false;
  }
}
const available = nioWithOlm();
if (!available && process.env['CI'] === 'true') throw new Error('python3-matrix-nio with python3-olm is required in CI');
if (!available) console.warn('[courier] NOTICE: matrix-nio with olm not installed: the nio <-> js-sdk E2EE suite is SKIPPED.');

interface NioRun {
  ready: Promise<{ user_id: string; device_id: string }>;
  done: Promise<{ received: string; sent: string; encrypted: boolean }>;
}

/** Runs the nio side; its JSON lines resolve `ready`, then `done`. */
function runNio(args: string[]): NioRun {
  const child = spawn(PYTHON, [SCRIPT, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const lines: Array<Record<string, unknown>> = [];
  const waiters: Array<() => void> = [];
  createInterface({ input: child.stdout }).on('line', (line) => {
    try {
      lines.push(JSON.parse(line) as Record<string, unknown>);
      for (const w of waiters.splice(0)) w();
    } catch {
      // nio's own output: not ours
    }
  });
  const exited = new Promise<number>((resolve) => child.on('exit', (code) => resolve(code ?? -1)));
  const line = (key: string) =>
    new Promise<Record<string, unknown>>((resolve, reject) => {
      const check = () => {
        const found = lines.find((l) => key in l);
        if (found) return resolve(found);
        waiters.push(check);
      };
      check();
      void exited.then((code) => reject(new Error(`nio exited (${code}) before "${key}": ${stderr.slice(-2000)}`)));
    });
  return { ready: line('ready') as never, done: line('received') as never };
}

/** Two independent crypto stacks, nio (libolm) and matrix-js-sdk (vodozemac via Rust crypto), through Courier. */
describe.skipIf(!available).each(await dbKinds())('matrix-nio (olm) <-> matrix-js-sdk (Rust crypto) on %s', (kind) => {
  let server: ListeningServer;
  let js: CryptoClient;
  const tag = Date.now().toString(36);
  const nioName = `nio${tag}`;

  beforeAll(async () => {
    server = await startListeningServer(kind, { ENABLE_REGISTRATION: 'true' });
    await register(server.baseUrl, `js${tag}`);
    await register(server.baseUrl, nioName);
    js = await signIn(server.baseUrl, `js${tag}`);
  });
  afterAll(async () => {
    js?.stop();
    await server?.close();
  });

  it('nio decrypts what js-sdk sends, and js-sdk decrypts what nio sends', async () => {
    const nioUserId = `@${nioName}:e2e.local`;
    const { room_id: roomId } = await js.client.createRoom({
      invite: [nioUserId],
      initial_state: [{ type: 'm.room.encryption', state_key: '', content: { algorithm: 'm.megolm.v1.aes-sha2' } }],
    });
    const nio = runNio([server.baseUrl, nioName, PASSWORD, roomId, 'hello nio, from js-sdk', 'hello js-sdk, from nio']);
    const ready = await nio.ready;
    await waitFor('js-sdk to see the nio device', async () => {
      const devices = await js.client.getCrypto()?.getUserDeviceInfo([nioUserId], true);
      return devices?.get(nioUserId)?.has(ready.device_id) ? true : undefined;
    });
    await waitFor('nio to be joined', () => (js.client.getRoom(roomId)?.getMember(nioUserId)?.membership === 'join' ? true : undefined));
    await sendText(js, roomId, 'hello nio, from js-sdk');
    const done = await nio.done;
    expect(done.received).toBe('hello nio, from js-sdk');
    expect(done.encrypted).toBe(true);
    await waitForDecrypted(js, roomId, 'hello js-sdk, from nio');
    const raw = await js.client.fetchRoomEvent(roomId, done.sent);
    expect(raw.type).toBe('m.room.encrypted');
  });
});
