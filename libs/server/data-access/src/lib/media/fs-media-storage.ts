import { createHash, randomBytes } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { once } from 'node:events';
import { MediaTooLargeError, type MediaStorage, type StagedBlob } from '@courier/server-domain';

/** Keys are made by the domain; this refuses anything else, so no path can leave the root. */
const KEY = /^[A-Za-z0-9_-]{8,128}(\.[A-Za-z0-9_-]{1,64})?$/;

function assertKey(key: string): void {
  if (!KEY.test(key)) throw new Error(`Invalid media storage key ${JSON.stringify(key.slice(0, 80))}`);
}

/**
 * Media bytes in a directory (MEDIA_PATH): `<root>/<first two chars of the key>/<key>`. An upload
 * is streamed into `<root>/tmp/` and renamed into place on commit, so a reader never sees a
 * half-written file and the bytes never sit whole in memory. Several instances must share the
 * directory (a network volume), as they share the database.
 */
export class FsMediaStorage implements MediaStorage {
  constructor(private readonly root: string) {}

  private pathOf(key: string): string {
    assertKey(key);
    return join(this.root, key.slice(0, 2), key);
  }

  async stage(body: AsyncIterable<Uint8Array>, maxBytes: number): Promise<StagedBlob> {
    const tmpDir = join(this.root, 'tmp');
    await mkdir(tmpDir, { recursive: true });
    const tmp = join(tmpDir, `${randomBytes(12).toString('hex')}.part`);
    const hash = createHash('sha256');
    let size = 0;
    const out = createWriteStream(tmp, { flags: 'wx' });
    // Read by hand rather than pipeline(): over the limit the request stream is left alone (not
    // destroyed), so the 413 answer still reaches the client before the connection closes.
    const chunks = body[Symbol.asyncIterator]();
    try {
      for (;;) {
        const next = await chunks.next();
        if (next.done) break;
        size += next.value.length;
        if (size > maxBytes) throw new MediaTooLargeError(maxBytes);
        hash.update(next.value);
        if (!out.write(next.value)) await once(out, 'drain');
      }
      await new Promise<void>((resolve, reject) => out.end((err?: Error | null) => (err ? reject(err) : resolve())));
    } catch (err) {
      out.destroy();
      await rm(tmp, { force: true });
      throw err;
    }
    const sha256 = hash.digest('hex');
    return {
      size,
      sha256,
      commit: async (key) => {
        const target = this.pathOf(key);
        await mkdir(join(this.root, key.slice(0, 2)), { recursive: true });
        await rename(tmp, target);
      },
      discard: () => rm(tmp, { force: true }),
    };
  }

  async open(key: string): Promise<AsyncIterable<Uint8Array> | undefined> {
    const path = this.pathOf(key);
    const stream = createReadStream(path);
    // Wait for the open so a missing file is "no bytes", not a stream that fails later.
    return new Promise((resolve, reject) => {
      stream.once('open', () => resolve(stream));
      stream.once('error', (err: NodeJS.ErrnoException) => (err.code === 'ENOENT' ? resolve(undefined) : reject(err)));
    });
  }

  async put(key: string, bytes: Uint8Array): Promise<void> {
    const target = this.pathOf(key);
    await mkdir(join(this.root, key.slice(0, 2)), { recursive: true });
    const tmp = `${target}.${randomBytes(6).toString('hex')}.part`;
    await writeFile(tmp, bytes);
    await rename(tmp, target);
  }
}
