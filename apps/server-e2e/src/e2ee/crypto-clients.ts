import * as sdk from 'matrix-js-sdk';
import { logger as sdkLogger } from 'matrix-js-sdk/lib/logger.js';

// The SDK and its Rust crypto log at debug level; errors still reach the tests as exceptions.
(sdkLogger as unknown as { setLevel(level: string): void }).setLevel('error');

export const PASSWORD = 'e2ee-password-1';

export interface CryptoClient {
  client: sdk.MatrixClient;
  userId: string;
  deviceId: string;
  stop(): void;
}

export async function register(baseUrl: string, username: string): Promise<void> {
  await sdk.createClient({ baseUrl }).registerRequest({ username, password: PASSWORD, auth: { type: 'm.login.dummy' } });
}

/**
 * Signs in as a new device, with matrix-js-sdk's Rust crypto (the wasm build the SDK installs)
 * kept in memory, and syncs until PREPARED.
 */
export async function signIn(baseUrl: string, username: string): Promise<CryptoClient> {
  const login = await sdk
    .createClient({ baseUrl })
    .loginRequest({ type: 'm.login.password', identifier: { type: 'm.id.user', user: username }, password: PASSWORD });
  const client = sdk.createClient({ baseUrl, accessToken: login.access_token, userId: login.user_id, deviceId: login.device_id });
  await client.initRustCrypto({ useIndexedDB: false });
  const prepared = new Promise<void>((resolve, reject) => {
    client.on(sdk.ClientEvent.Sync, (state) => {
      if (state === sdk.SyncState.Prepared) resolve();
      if (state === sdk.SyncState.Error) reject(new Error('sync error'));
    });
  });
  await client.startClient({ initialSyncLimit: 50 });
  await prepared;
  return { client, userId: login.user_id, deviceId: login.device_id, stop: () => client.stopClient() };
}

export async function waitFor<T>(what: string, probe: () => T | undefined | Promise<T | undefined>, ms = 30_000): Promise<T> {
  const until = Date.now() + ms;
  for (;;) {
    const v = await probe();
    if (v !== undefined && v !== false) return v;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** The clear-text bodies this client has decrypted in the room so far. */
export function decryptedBodies(c: CryptoClient, roomId: string): string[] {
  const room = c.client.getRoom(roomId);
  if (!room) return [];
  return room
    .getLiveTimeline()
    .getEvents()
    .filter((e) => e.isEncrypted() && !e.isDecryptionFailure() && e.getClearContent() !== null)
    .map((e) => String((e.getClearContent() as { body?: unknown }).body));
}

/** Waits until the client shows `body` decrypted in the room (retrying decryption as keys arrive). */
export function waitForDecrypted(c: CryptoClient, roomId: string, body: string, ms?: number): Promise<true> {
  return waitFor(
    `${c.userId}/${c.deviceId} to decrypt "${body}"`,
    () => (decryptedBodies(c, roomId).includes(body) ? true : undefined),
    ms,
  );
}

export async function sendText(c: CryptoClient, roomId: string, body: string): Promise<string> {
  return (await c.client.sendMessage(roomId, { msgtype: sdk.MsgType.Text, body })).event_id;
}

/** An encrypted private room of `owner`, which `others` join. */
export async function encryptedRoom(owner: CryptoClient, others: CryptoClient[]): Promise<string> {
  const { room_id: roomId } = await owner.client.createRoom({
    preset: sdk.Preset.PrivateChat,
    invite: others.map((o) => o.userId),
    initial_state: [{ type: 'm.room.encryption', state_key: '', content: { algorithm: 'm.megolm.v1.aes-sha2' } }],
  });
  for (const o of others) {
    await waitFor(`${o.userId} to see the invite`, () => (o.client.getRoom(roomId) ? true : undefined));
    await o.client.joinRoom(roomId);
  }
  await waitFor('every member to be joined', () => (owner.client.getRoom(roomId)?.getJoinedMemberCount() === others.length + 1 ? true : undefined));
  return roomId;
}

export const passwordAuth = (userId: string) => ({ type: 'm.login.password', identifier: { type: 'm.id.user', user: userId }, password: PASSWORD });
