import { UserExistsError, directoryTermsOf, type AccountStore, type DeviceRecord, type TokenRecord, type UserRecord } from '@courier/server-domain';
import type { Database } from '../db/database';
import { isUniqueViolation } from '../db/unique-violation';
import { findAccessTokenRaw } from './find-access-token';

const userSelect = {
  user_id: true,
  localpart: true,
  password_hash: true,
  is_admin: true,
  deactivated: true,
  locked: true,
  displayname: true,
  created_at: true,
} as const;

/** Accounts, devices and tokens through Prisma: low-rate paths where the ORM's cost is noise. */
export class PrismaAccountStore implements AccountStore {
  constructor(private readonly db: Database) {}

  private get prisma() {
    return this.db.prisma;
  }

  async createUser(user: Parameters<AccountStore['createUser']>[0]): Promise<void> {
    // The user and its user-directory words in one transaction: a new user can be found at once.
    const terms = directoryTermsOf(user.userId, user.displayname ?? null).map((term) => ({ term, user_id: user.userId }));
    try {
      await this.prisma.$transaction([
        this.prisma.user.create({
          data: {
            user_id: user.userId,
            localpart: user.localpart,
            password_hash: user.passwordHash,
            is_admin: user.isAdmin,
            displayname: user.displayname ?? null,
            created_at: BigInt(user.createdAt),
          },
        }),
        this.prisma.userDirectoryTerm.createMany({ data: terms }),
      ]);
    } catch (err) {
      if (isUniqueViolation(err)) throw new UserExistsError(user.userId);
      throw err;
    }
  }

  async getUser(userId: string): Promise<UserRecord | undefined> {
    const u = await this.prisma.user.findUnique({ where: { user_id: userId }, select: userSelect });
    if (!u) return undefined;
    return {
      userId: u.user_id,
      localpart: u.localpart,
      passwordHash: u.password_hash,
      isAdmin: u.is_admin,
      deactivated: u.deactivated,
      locked: u.locked,
      displayname: u.displayname,
      createdAt: Number(u.created_at),
    };
  }

  async upsertDevice(d: { userId: string; deviceId: string; displayName: string | null; now: number }): Promise<void> {
    await this.prisma.device.upsert({
      where: { user_id_device_id: { user_id: d.userId, device_id: d.deviceId } },
      create: { user_id: d.userId, device_id: d.deviceId, display_name: d.displayName, created_at: BigInt(d.now), last_seen_ts: BigInt(d.now) },
      update: d.displayName === null ? { last_seen_ts: BigInt(d.now) } : { display_name: d.displayName, last_seen_ts: BigInt(d.now) },
    });
  }

  async listDevices(userId: string): Promise<DeviceRecord[]> {
    const rows = await this.prisma.device.findMany({ where: { user_id: userId }, orderBy: { created_at: 'asc' } });
    return rows.map((r) => ({
      userId: r.user_id,
      deviceId: r.device_id,
      displayName: r.display_name,
      createdAt: Number(r.created_at),
      lastSeenTs: r.last_seen_ts === null ? null : Number(r.last_seen_ts),
    }));
  }

  async getDevice(userId: string, deviceId: string): Promise<DeviceRecord | undefined> {
    const r = await this.prisma.device.findUnique({ where: { user_id_device_id: { user_id: userId, device_id: deviceId } } });
    if (!r) return undefined;
    return {
      userId: r.user_id,
      deviceId: r.device_id,
      displayName: r.display_name,
      createdAt: Number(r.created_at),
      lastSeenTs: r.last_seen_ts === null ? null : Number(r.last_seen_ts),
    };
  }

  async renameDevice(userId: string, deviceId: string, displayName: string): Promise<boolean> {
    const { count } = await this.prisma.device.updateMany({ where: { user_id: userId, device_id: deviceId }, data: { display_name: displayName } });
    return count > 0;
  }

  async createAccessToken(t: { tokenHash: string; userId: string; deviceId: string; now: number; expiresAt: number | null }): Promise<void> {
    await this.prisma.accessToken.create({
      data: {
        token_hash: t.tokenHash,
        user_id: t.userId,
        device_id: t.deviceId,
        created_at: BigInt(t.now),
        expires_at: t.expiresAt === null ? null : BigInt(t.expiresAt),
      },
    });
  }

  findAccessToken(tokenHash: string): Promise<TokenRecord | undefined> {
    return findAccessTokenRaw(this.db, tokenHash);
  }

  async deleteAccessToken(tokenHash: string): Promise<void> {
    await this.prisma.accessToken.deleteMany({ where: { token_hash: tokenHash } });
  }

  async deleteDevice(userId: string, deviceId: string): Promise<string[]> {
    const tokens = await this.prisma.accessToken.findMany({ where: { user_id: userId, device_id: deviceId }, select: { token_hash: true } });
    await this.prisma.accessToken.deleteMany({ where: { user_id: userId, device_id: deviceId } });
    await this.prisma.device.deleteMany({ where: { user_id: userId, device_id: deviceId } });
    return tokens.map((t) => t.token_hash);
  }

  async deleteAllTokensOfUser(userId: string): Promise<string[]> {
    const tokens = await this.prisma.accessToken.findMany({ where: { user_id: userId }, select: { token_hash: true } });
    await this.prisma.accessToken.deleteMany({ where: { user_id: userId } });
    return tokens.map((t) => t.token_hash);
  }

  async setPasswordHash(userId: string, passwordHash: string): Promise<void> {
    await this.prisma.user.update({ where: { user_id: userId }, data: { password_hash: passwordHash } });
  }

  async setAdmin(userId: string, isAdmin: boolean): Promise<void> {
    await this.prisma.user.update({ where: { user_id: userId }, data: { is_admin: isAdmin } });
  }

  async setDeactivated(userId: string, deactivated: boolean): Promise<void> {
    await this.prisma.user.update({ where: { user_id: userId }, data: { deactivated } });
  }
}
