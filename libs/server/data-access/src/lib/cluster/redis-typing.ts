import { Redis } from 'ioredis';
import type { TypingChanges, TypingStore } from '@courier/server-domain';

/**
 * Typing state shared by every instance through Redis. Per room, a hash holds user → expiry
 * (Redis's own clock, ms) and `_pos`, the position of the room's last change; one counter is
 * the stream. Scripts run atomically, so two instances never hand out the same position.
 * The instance that set a typing user ends it when its timeout runs out (and wakes /sync
 * everywhere through the notifier); if that instance died first, readers still leave out an
 * expired entry.
 */
const SET = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local had = redis.call('HGET', KEYS[1], ARGV[1])
local live = had and tonumber(had) > now
if ARGV[2] == '1' then
  redis.call('HSET', KEYS[1], ARGV[1], tostring(now + tonumber(ARGV[3])))
else
  if not had then return 0 end
  redis.call('HDEL', KEYS[1], ARGV[1])
end
redis.call('PEXPIRE', KEYS[1], 86400000)
if ARGV[2] == '1' and live then return 0 end
local pos = redis.call('INCR', KEYS[2])
redis.call('HSET', KEYS[1], '_pos', tostring(pos))
return pos
`;
/** Ends a typing entry only if it is still the one that timed out (not renewed since). */
const EXPIRE = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local had = redis.call('HGET', KEYS[1], ARGV[1])
if not had or tonumber(had) > now then return 0 end
redis.call('HDEL', KEYS[1], ARGV[1])
local pos = redis.call('INCR', KEYS[2])
redis.call('HSET', KEYS[1], '_pos', tostring(pos))
return pos
`;
/** KEYS: the stream counter, then one hash per room. Returns [position, now, hash1, hash2, …]. */
const READ = `
local t = redis.call('TIME')
local out = { redis.call('GET', KEYS[1]) or '0', tostring(tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)) }
for i = 2, #KEYS do out[#out + 1] = redis.call('HGETALL', KEYS[i]) end
return out
`;

type Scripts = {
  courierTypingSet(room: string, stream: string, user: string, typing: string, timeout: number): Promise<number>;
  courierTypingExpire(room: string, stream: string, user: string): Promise<number>;
  courierTypingRead(...args: Array<string | number>): Promise<[string, string, ...string[][]]>;
};

export class RedisTyping implements TypingStore {
  private readonly redis: Redis;
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private readonly stream: string;

  constructor(
    url: string,
    private readonly onChange: (roomId: string) => void,
    private readonly prefix = 'courier:typing:',
  ) {
    this.redis = new Redis(url, { maxRetriesPerRequest: 1, commandTimeout: 2000 });
    this.redis.on('error', () => undefined);
    this.redis.defineCommand('courierTypingSet', { numberOfKeys: 2, lua: SET });
    this.redis.defineCommand('courierTypingExpire', { numberOfKeys: 2, lua: EXPIRE });
    this.redis.defineCommand('courierTypingRead', { lua: READ });
    this.stream = `${prefix}stream`;
  }

  private get scripts(): Scripts {
    return this.redis as unknown as Scripts;
  }

  async set(roomId: string, userId: string, typing: boolean, timeoutMs: number): Promise<void> {
    const key = `${roomId}\u0000${userId}`;
    const old = this.timers.get(key);
    if (old) clearTimeout(old);
    this.timers.delete(key);
    if (typing) {
      const timer = setTimeout(() => {
        this.timers.delete(key);
        this.scripts.courierTypingExpire(this.roomKey(roomId), this.stream, userId).then(
          (pos) => pos > 0 && this.onChange(roomId),
          () => undefined,
        );
      }, timeoutMs + 50);
      timer.unref();
      this.timers.set(key, timer);
    }
    const pos = await this.scripts.courierTypingSet(this.roomKey(roomId), this.stream, userId, typing ? '1' : '0', timeoutMs);
    if (pos > 0) this.onChange(roomId);
  }

  async changes(roomIds: readonly string[], since: number | undefined): Promise<TypingChanges> {
    const reply = await this.scripts.courierTypingRead(roomIds.length + 1, this.stream, ...roomIds.map((r) => this.roomKey(r)));
    const position = Number(reply[0]);
    const now = Number(reply[1]);
    const after = since === undefined || since > position ? undefined : since;
    const rooms = new Map<string, string[]>();
    roomIds.forEach((roomId, i) => {
      const flat = (reply[i + 2] ?? []) as string[];
      let roomPos = 0;
      const users: string[] = [];
      for (let j = 0; j + 1 < flat.length; j += 2) {
        const field = flat[j] as string;
        const value = Number(flat[j + 1]);
        if (field === '_pos') roomPos = value;
        else if (value > now) users.push(field);
      }
      if (after === undefined ? users.length > 0 : roomPos > after) rooms.set(roomId, users.sort());
    });
    return { rooms, position };
  }

  async close(): Promise<void> {
    for (const t of this.timers.values()) clearTimeout(t);
    this.timers.clear();
    await this.redis.quit().catch(() => this.redis.disconnect());
  }

  private roomKey(roomId: string): string {
    return `${this.prefix}room:${roomId}`;
  }
}
