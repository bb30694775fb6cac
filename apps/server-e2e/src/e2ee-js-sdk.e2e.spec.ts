import * as sdk from 'matrix-js-sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dbKinds } from '@courier/server-testing';
import { startListeningServer, type ListeningServer } from './listening-server';
import {
  encryptedRoom,
  passwordAuth,
  register,
  sendText,
  signIn,
  waitFor,
  waitForDecrypted,
  type CryptoClient,
} from './e2ee/crypto-clients';

/**
 * End-to-end encryption with real crypto: matrix-js-sdk 37.5 and its Rust crypto (wasm) in
 * Node, against Courier over a real port. The server only relays keys and ciphertext.
 */
describe.each(await dbKinds())('E2EE with matrix-js-sdk Rust crypto on %s', (kind) => {
  let server: ListeningServer;
  const clients: CryptoClient[] = [];
  let alice: CryptoClient;
  let bob: CryptoClient;
  let roomId: string;
  const tag = Date.now().toString(36);
  const aliceName = `alice${tag}`;
  const bobName = `bob${tag}`;
  const open = async (name: string) => {
    const c = await signIn(server.baseUrl, name);
    clients.push(c);
    return c;
  };

  beforeAll(async () => {
    server = await startListeningServer(kind, { ENABLE_REGISTRATION: 'true' });
    await register(server.baseUrl, aliceName);
    await register(server.baseUrl, bobName);
    alice = await open(aliceName);
    bob = await open(bobName);
    roomId = await encryptedRoom(alice, [bob]);
  });
  afterAll(async () => {
    for (const c of clients) c.stop();
    await server?.close();
  });

  it('two users in an encrypted room decrypt each other', async () => {
    await sendText(alice, roomId, 'hello bob');
    await waitForDecrypted(bob, roomId, 'hello bob');
    await sendText(bob, roomId, 'hello alice');
    await waitForDecrypted(alice, roomId, 'hello bob');
    await waitForDecrypted(alice, roomId, 'hello alice');
  });

  let bob2: CryptoClient;
  it("a second device of a user decrypts messages sent after it signed in (device_lists.changed reaches the sender)", async () => {
    bob2 = await open(bobName);
    // Alice's client learns of the new device from /sync's device_lists, not by polling.
    await waitFor('alice to see bob2', async () => {
      const devices = await alice.client.getCrypto()?.getUserDeviceInfo([bob.userId]);
      return devices?.get(bob.userId)?.has(bob2.deviceId) ? true : undefined;
    });
    await sendText(alice, roomId, 'for both of your devices');
    await waitForDecrypted(bob2, roomId, 'for both of your devices');
    await waitForDecrypted(bob, roomId, 'for both of your devices');
  });

  it('a deleted device stops receiving room keys', async () => {
    await bob.client.deleteDevice(bob2.deviceId, passwordAuth(bob.userId)).catch(async (err: { data?: { session?: string } }) => {
      await bob.client.deleteDevice(bob2.deviceId, { ...passwordAuth(bob.userId), session: err.data?.session });
    });
    bob2.stop();
    await waitFor('alice to forget bob2', async () => {
      const devices = await alice.client.getCrypto()?.getUserDeviceInfo([bob.userId]);
      return devices?.get(bob.userId)?.has(bob2.deviceId) === false ? true : undefined;
    });
    await sendText(alice, roomId, 'after the deletion');
    await waitForDecrypted(bob, roomId, 'after the deletion');
    // Nothing was queued for the deleted device: Alice no longer shares room keys with it.
    const queued = await server.data.db.prisma.toDeviceMessage.count({ where: { user_id: bob.userId, device_id: bob2.deviceId } });
    expect(queued).toBe(0);
  });

  it('cross-signing bootstrap: each user sees the other user\'s devices cross-signed by their owner', async () => {
    for (const c of [alice, bob]) {
      await c.client.getCrypto()?.bootstrapCrossSigning({
        authUploadDeviceSigningKeys: async (makeRequest) => {
          await makeRequest(passwordAuth(c.userId));
        },
      });
      expect(await c.client.getCrypto()?.isCrossSigningReady()).toBe(true);
    }
    for (const [viewer, owner] of [[alice, bob], [bob, alice]] as const) {
      await waitFor(`${viewer.userId} to see ${owner.deviceId} cross-signed`, async () => {
        const status = await viewer.client.getCrypto()?.getDeviceVerificationStatus(owner.userId, owner.deviceId);
        return status?.signedByOwner ? true : undefined;
      });
    }
  });

  it('a new device restores older messages from key backup', async () => {
    const crypto = alice.client.getCrypto();
    if (!crypto) throw new Error('no crypto');
    await crypto.resetKeyBackup();
    const version = await waitFor('a backup version', () => crypto.getActiveSessionBackupVersion().then((v) => v ?? undefined));
    await sendText(alice, roomId, 'kept in the backup');
    await waitFor('the room keys to be backed up', async () => {
      const res = await alice.client.http.authedRequest<{ count: number }>(sdk.Method.Get, `/room_keys/version/${version}`);
      return res.count > 0 ? true : undefined;
    });
    const privateKey = await crypto.getSessionBackupPrivateKey();
    if (!privateKey) throw new Error('no backup key');

    const alice2 = await open(aliceName);
    const crypto2 = alice2.client.getCrypto();
    if (!crypto2) throw new Error('no crypto');
    await crypto2.storeSessionBackupPrivateKey(privateKey, version);
    const restored = await crypto2.restoreKeyBackup();
    expect(restored.imported).toBeGreaterThan(0);
    await waitForDecrypted(alice2, roomId, 'kept in the backup');
    await waitForDecrypted(alice2, roomId, 'hello bob');
  });
});
