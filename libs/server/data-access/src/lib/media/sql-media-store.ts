import type { MediaRecord, MediaStore, ThumbnailRecord, UploadedFacts } from '@courier/server-domain';
import type { Database } from '../db/database';
import { isUniqueViolation } from '../db/unique-violation';

const num = (v: bigint | null): number | null => (v === null ? null : Number(v));

/** The media repository's metadata (media, media_thumbnails) over Prisma, on either database. */
export class SqlMediaStore implements MediaStore {
  constructor(private readonly db: Database) {}

  async create(r: MediaRecord & { sha256?: string | null }): Promise<void> {
    await this.db.prisma.media.create({
      data: {
        media_id: r.mediaId,
        user_id: r.userId,
        content_type: r.contentType,
        file_name: r.fileName,
        size: r.size === null ? null : BigInt(r.size),
        sha256: r.sha256 ?? null,
        created_at: BigInt(r.createdAt),
        uploaded_at: r.uploadedAt === null ? null : BigInt(r.uploadedAt),
        unused_expires_at: r.unusedExpiresAt === null ? null : BigInt(r.unusedExpiresAt),
      },
    });
  }

  async markUploaded(mediaId: string, f: UploadedFacts): Promise<boolean> {
    const { count } = await this.db.prisma.media.updateMany({
      where: { media_id: mediaId, uploaded_at: null },
      data: {
        content_type: f.contentType,
        file_name: f.fileName,
        size: BigInt(f.size),
        sha256: f.sha256,
        uploaded_at: BigInt(f.uploadedAt),
        unused_expires_at: null,
      },
    });
    return count === 1;
  }

  async get(mediaId: string): Promise<MediaRecord | undefined> {
    const row = await this.db.prisma.media.findUnique({
      where: { media_id: mediaId },
      select: { media_id: true, user_id: true, content_type: true, file_name: true, size: true, created_at: true, uploaded_at: true, unused_expires_at: true },
    });
    if (!row) return undefined;
    return {
      mediaId: row.media_id,
      userId: row.user_id,
      contentType: row.content_type,
      fileName: row.file_name,
      size: num(row.size),
      createdAt: Number(row.created_at),
      uploadedAt: num(row.uploaded_at),
      unusedExpiresAt: num(row.unused_expires_at),
    };
  }

  countPending(userId: string, now: number): Promise<number> {
    return this.db.prisma.media.count({ where: { user_id: userId, uploaded_at: null, unused_expires_at: { gt: BigInt(now) } } });
  }

  async getThumbnail(mediaId: string, width: number, height: number, method: string): Promise<ThumbnailRecord | undefined> {
    const row = await this.db.prisma.mediaThumbnail.findUnique({
      where: { media_id_width_height_method: { media_id: mediaId, width, height, method } },
      select: { content_type: true, size: true },
    });
    if (!row) return undefined;
    return { mediaId, width, height, method: method === 'crop' ? 'crop' : 'scale', contentType: row.content_type, size: Number(row.size) };
  }

  async putThumbnail(t: ThumbnailRecord, createdAt: number): Promise<void> {
    try {
      await this.db.prisma.mediaThumbnail.create({
        data: { media_id: t.mediaId, width: t.width, height: t.height, method: t.method, content_type: t.contentType, size: BigInt(t.size), created_at: BigInt(createdAt) },
      });
    } catch (err) {
      if (!isUniqueViolation(err)) throw err;
    }
  }
}
