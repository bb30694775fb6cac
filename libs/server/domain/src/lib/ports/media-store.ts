/**
 * The media repository's ports: metadata in the database (MediaStore) and the bytes in a blob
 * storage (MediaStorage: a directory today, an object store later). Keys are media IDs and
 * thumbnail keys made by the domain, never anything a client wrote.
 */

export interface MediaRecord {
  mediaId: string;
  userId: string;
  contentType: string | null;
  fileName: string | null;
  size: number | null;
  createdAt: number;
  /** null while an async upload (POST /media/v1/create) waits for its bytes. */
  uploadedAt: number | null;
  unusedExpiresAt: number | null;
}

export interface UploadedFacts {
  contentType: string | null;
  fileName: string | null;
  size: number;
  sha256: string;
  uploadedAt: number;
}

export interface ThumbnailRecord {
  mediaId: string;
  width: number;
  height: number;
  method: 'crop' | 'scale';
  contentType: string;
  size: number;
}

export interface MediaStore {
  /** A new row; the media ID is fresh (random), so a clash is an infrastructure error. */
  create(record: MediaRecord & { sha256?: string | null }): Promise<void>;
  /** Records the upload of a pending row; false when it already has content (the DB decides races). */
  markUploaded(mediaId: string, facts: UploadedFacts): Promise<boolean>;
  get(mediaId: string): Promise<MediaRecord | undefined>;
  /** Pending (created, not uploaded, not expired) rows of a user. */
  countPending(userId: string, now: number): Promise<number>;
  getThumbnail(mediaId: string, width: number, height: number, method: string): Promise<ThumbnailRecord | undefined>;
  /** Records a generated thumbnail; a concurrent twin is no error. */
  putThumbnail(record: ThumbnailRecord, createdAt: number): Promise<void>;
}

/** Bytes written to a temporary place, not yet visible under any key. */
export interface StagedBlob {
  size: number;
  sha256: string;
  /** Makes the bytes readable under `key` (atomically: a reader sees all or nothing). */
  commit(key: string): Promise<void>;
  discard(): Promise<void>;
}

export interface MediaStorage {
  /**
   * Streams `body` to a temporary place, never holding it whole in memory. Rejects with a
   * MediaTooLargeError (and keeps nothing) once more than `maxBytes` arrive.
   */
  stage(body: AsyncIterable<Uint8Array>, maxBytes: number): Promise<StagedBlob>;
  /** The bytes under `key`, streamed, or undefined when there are none. */
  open(key: string): Promise<AsyncIterable<Uint8Array> | undefined>;
  /** Stores small bytes (a thumbnail) under `key`. */
  put(key: string, bytes: Uint8Array): Promise<void>;
}

export class MediaTooLargeError extends Error {
  constructor(readonly maxBytes: number) {
    super(`Upload is larger than ${maxBytes} bytes`);
    this.name = 'MediaTooLargeError';
  }
}
