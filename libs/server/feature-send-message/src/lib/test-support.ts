/**
 * Test support for the send-message specs (not exported from the package): a room seeded
 * through the real createRoom / changeMembership use cases on a FakeEventStore, and a
 * `send` that speaks in raw bodies the way the REST route does.
 */
import { MatrixError } from '@courier/shared-matrix-errors';
import type { JsonObject, StoredEvent } from '@courier/server-domain';
import { changeMembership, createRoom, type MembershipAction } from '@courier/server-feature-rooms';
import { FakeRateLimiter, testSendDeps, type TestSendDeps } from '@courier/server-testing';
import { createSendMessageDeps, sendMessage, type SendMessageCommand, type SendMessageDeps } from './send-message';

export const SERVER = 'courier.test';
export const ALICE = '@alice:courier.test';
export const BOB = '@bob:courier.test';
export const CAROL = '@carol:courier.test';
export const MOD = '@mod:courier.test';
export const EVE = '@eve:courier.test';

export interface SendOptions {
  user?: string;
  device?: string;
  txnDeviceId?: string;
  txnEndpoint?: string;
  room?: string;
  type?: string;
  /** Hand the body over already parsed (the tRPC path) instead of as raw bytes. */
  parsed?: boolean;
}

export interface SendWorld {
  base: TestSendDeps;
  deps: SendMessageDeps;
  store: TestSendDeps['events'];
  limiter: FakeRateLimiter;
  /** Alice's room (creator, level 100); the `members` joined with level 0 (MOD at 50). */
  roomId: string;
  /** A string or Buffer body goes as written; anything else is JSON.stringify'd. */
  send(txnId: string, body: unknown, opts?: SendOptions): Promise<string>;
  /** Another server instance on the same database: own single-flight map, same store. */
  otherInstance(): SendMessageDeps;
  createRoom(creator: string, request?: JsonObject, members?: string[]): Promise<string>;
  membership(user: string, action: MembershipAction, room?: string, target?: string): Promise<void>;
  event(eventId: string): Promise<StoredEvent>;
}

export async function sendWorld(
  options: { room?: JsonObject; members?: string[]; interleave?: boolean; rateLimitExempt?: string[] } = {},
): Promise<SendWorld> {
  const limiter = new FakeRateLimiter();
  const base = testSendDeps({ serverName: SERVER, rateLimiter: limiter, rateLimitExempt: options.rateLimitExempt ?? [] });
  const deps = createSendMessageDeps(base);
  const membership = async (user: string, action: MembershipAction, room = roomId, target = user) => {
    await changeMembership(base, { roomId: room, sender: user, action, target });
  };
  const create = async (creator: string, request: JsonObject = {}, members: string[] = []) => {
    const { roomId: id } = await createRoom(base, creator, { preset: 'public_chat', ...request });
    for (const member of members) await changeMembership(base, { roomId: id, sender: member, action: 'join', target: member });
    return id;
  };
  const { power_level_content_override: levels, ...request } = options.room ?? {};
  const override = { users: { [ALICE]: 100, [MOD]: 50 }, ...(levels as JsonObject | undefined) };
  const roomId = await create(ALICE, { ...request, power_level_content_override: override }, options.members ?? [BOB, MOD]);
  base.events.interleave = options.interleave ?? false;
  return {
    base,
    deps,
    store: base.events,
    limiter,
    roomId,
    send: (txnId, body, opts = {}) => send(deps, { roomId, txnId, body, ...opts }),
    otherInstance: () => createSendMessageDeps(base),
    createRoom: create,
    membership,
    event: async (eventId) => {
      const stored = await base.events.getEvent(eventId);
      if (!stored) throw new Error(`no event ${eventId}`);
      return stored;
    },
  };
}

/** sendMessage with a REST-like command: `body` as raw bytes unless `parsed`. */
export async function send(deps: SendMessageDeps, input: SendOptions & { roomId: string; txnId: string; body: unknown }): Promise<string> {
  const raw = typeof input.body === 'string' || Buffer.isBuffer(input.body) ? Buffer.from(input.body) : Buffer.from(JSON.stringify(input.body));
  const cmd: SendMessageCommand = {
    sender: { userId: input.user ?? ALICE, deviceId: input.device ?? 'DEVICE1' },
    roomId: input.room ?? input.roomId,
    eventType: input.type ?? 'm.room.message',
    txnId: input.txnId,
    body: input.parsed ? { value: input.body } : { raw },
    ...(input.txnDeviceId !== undefined ? { txnDeviceId: input.txnDeviceId } : {}),
    ...(input.txnEndpoint !== undefined ? { txnEndpoint: input.txnEndpoint } : {}),
  };
  return (await sendMessage(deps, cmd)).eventId;
}

/** The MatrixError a send is refused with; fails the test if it succeeds or throws anything else. */
export async function refusal(attempt: Promise<unknown>): Promise<MatrixError> {
  const outcome = await attempt.then(
    (value) => ({ value }),
    (error: unknown) => ({ error }),
  );
  if (!('error' in outcome)) throw new Error(`expected a MatrixError, but it succeeded with ${JSON.stringify(outcome.value)}`);
  if (!(outcome.error instanceof MatrixError)) throw outcome.error;
  return outcome.error;
}

export const text = (body: string): JsonObject => ({ msgtype: 'm.text', body });

export const reaction = (target: string, key: unknown): JsonObject =>
  ({ 'm.relates_to': { rel_type: 'm.annotation', event_id: target, ...(key === undefined ? {} : { key }) } }) as JsonObject;
