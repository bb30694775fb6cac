import sharp from 'sharp';
import type { ThumbnailRecord } from '@courier/server-domain';
import { MatrixError, invalidParam, notFound } from '@courier/shared-matrix-errors';
import type { MediaDeps } from './media-deps';
import { uploadedRecord } from './download-media';

export type ThumbnailMethod = 'crop' | 'scale';

/**
 * The sizes Courier makes (Synapse's defaults). A request is answered with the smallest of
 * its method at least as large as asked, else the largest: at most five thumbnails per media
 * item are ever made and cached, whatever sizes clients ask for.
 */
export const THUMBNAIL_SIZES: ReadonlyArray<{ width: number; height: number; method: ThumbnailMethod }> = [
  { width: 32, height: 32, method: 'crop' },
  { width: 96, height: 96, method: 'crop' },
  { width: 320, height: 240, method: 'scale' },
  { width: 640, height: 480, method: 'scale' },
  { width: 800, height: 600, method: 'scale' },
];

/** Only raster types libvips decodes safely; SVG and the rest are never thumbnailed. */
const THUMBNAILABLE = new Set(['image/jpeg', 'image/jpg', 'image/png', 'image/gif', 'image/webp']);
/** Refuse decompression bombs: no source image above this many pixels is decoded. */
const MAX_INPUT_PIXELS = 50_000_000;

export interface ThumbnailRequest {
  serverName: string;
  mediaId: string;
  width: string | undefined;
  height: string | undefined;
  method: string | undefined;
  /** How long to wait for media not uploaded yet (parseUploadWait). */
  waitMs?: number;
}

export interface ThumbnailContent {
  contentType: string;
  body: AsyncIterable<Uint8Array>;
}

function dimension(name: string, value: string | undefined): number {
  if (value === undefined) throw new MatrixError('M_MISSING_PARAM', `${name} is required`);
  if (!/^\d{1,5}$/.test(value) || Number(value) < 1) throw invalidParam(`${name} must be a positive integer`);
  return Number(value);
}

export function chooseThumbnailSize(width: number, height: number, method: ThumbnailMethod) {
  const candidates = THUMBNAIL_SIZES.filter((s) => s.method === method);
  const largest = candidates.reduce((a, b) => (b.width * b.height > a.width * a.height ? b : a));
  return candidates.find((s) => s.width >= width && s.height >= height) ?? largest;
}

const thumbnailKey = (mediaId: string, s: { width: number; height: number; method: string }) => `${mediaId}.t${s.width}x${s.height}${s.method}`;
const cannotThumbnail = () => new MatrixError('M_UNKNOWN', 'Cannot generate a thumbnail of this content', { status: 400 });

async function readAll(body: AsyncIterable<Uint8Array>): Promise<Buffer> {
  const chunks: Uint8Array[] = [];
  for await (const chunk of body) chunks.push(chunk);
  return Buffer.concat(chunks);
}

/** Scales (fit inside, never enlarged) or crops (cover exactly) with libvips through sharp. */
async function render(source: Buffer, contentType: string, s: { width: number; height: number; method: ThumbnailMethod }) {
  const image = sharp(source, { limitInputPixels: MAX_INPUT_PIXELS, failOn: 'error' }).rotate();
  const resized =
    s.method === 'crop'
      ? image.resize(s.width, s.height, { fit: 'cover', position: 'centre' })
      : image.resize(s.width, s.height, { fit: 'inside', withoutEnlargement: true });
  const jpeg = contentType === 'image/jpeg' || contentType === 'image/jpg';
  const bytes = jpeg ? await resized.jpeg({ quality: 80 }).toBuffer() : await resized.png().toBuffer();
  return { bytes, contentType: jpeg ? 'image/jpeg' : 'image/png' };
}

const inFlight = new Map<string, Promise<ThumbnailRecord>>();

/**
 * GET …/thumbnail/{serverName}/{mediaId}?width&height&method: the cached thumbnail of the
 * chosen size, made on first request and stored beside the media (metadata in
 * media_thumbnails). Concurrent requests for one thumbnail in this process share one render.
 */
export async function getThumbnail(deps: MediaDeps, req: ThumbnailRequest): Promise<ThumbnailContent> {
  const width = dimension('width', req.width);
  const height = dimension('height', req.height);
  const method = req.method ?? 'scale';
  if (method !== 'crop' && method !== 'scale') throw invalidParam('method must be crop or scale');
  const record = await uploadedRecord(deps, req.serverName, req.mediaId, req.waitMs ?? 0);
  const size = chooseThumbnailSize(width, height, method);
  const key = thumbnailKey(record.mediaId, size);

  const cached = await deps.store.getThumbnail(record.mediaId, size.width, size.height, size.method);
  if (cached) {
    const body = await deps.storage.open(key);
    if (body) return { contentType: cached.contentType, body };
  }
  const contentType = (record.contentType ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
  if (!THUMBNAILABLE.has(contentType)) throw cannotThumbnail();

  let pending = inFlight.get(key);
  if (!pending) {
    pending = (async () => {
      const source = await deps.storage.open(record.mediaId);
      if (!source) throw notFound('Media not found');
      let out: { bytes: Buffer; contentType: string };
      try {
        out = await render(await readAll(source), contentType, size);
      } catch {
        throw cannotThumbnail();
      }
      await deps.storage.put(key, out.bytes);
      const thumb: ThumbnailRecord = { mediaId: record.mediaId, ...size, contentType: out.contentType, size: out.bytes.length };
      await deps.store.putThumbnail(thumb, deps.now());
      return thumb;
    })().finally(() => inFlight.delete(key));
    inFlight.set(key, pending);
  }
  const thumb = await pending;
  const body = await deps.storage.open(key);
  if (!body) throw notFound('Media not found');
  return { contentType: thumb.contentType, body };
}
