import autocannon from 'autocannon';
import type { Seed } from './seed';

export interface LoadResult {
  sendsPerSec: number;
  p50: number;
  p99: number;
  max: number;
  ok: number;
  non2xx: number;
  errors: number;
}

let txnCounter = 0;

/**
 * 50 connections for `seconds`, every request a new txnId (a real send, never a dedupe hit),
 * round-robin over the seeded users and rooms; `reactionShare` of them are m.reaction
 * annotations with a unique key, so each is a real, accepted annotation.
 */
export async function drive(url: string, seed: Seed, opts: { seconds: number; connections: number; reactionShare: number; amount?: number }): Promise<LoadResult> {
  const runId = `${Date.now().toString(36)}`;
  const result = await autocannon({
    url,
    connections: opts.connections,
    ...(opts.amount ? { amount: opts.amount } : { duration: opts.seconds }),
    timeout: 30,
    requests: [
      {
        method: 'PUT',
        setupRequest: (req) => {
          const n = txnCounter++;
          const user = seed.users[n % seed.users.length];
          const roomId = seed.rooms[Math.floor(n / seed.users.length) % seed.rooms.length] ?? '';
          const reaction = opts.reactionShare > 0 && n % Math.round(1 / opts.reactionShare) === 0;
          const type = reaction ? 'm.reaction' : 'm.room.message';
          const body = reaction
            ? { 'm.relates_to': { rel_type: 'm.annotation', event_id: seed.targets.get(roomId), key: `k${runId}-${n}` } }
            : { msgtype: 'm.text', body: `bench message ${n}` };
          return {
            ...req,
            path: `/_matrix/client/v3/rooms/${encodeURIComponent(roomId)}/send/${type}/${runId}-${n}`,
            headers: { authorization: `Bearer ${user?.token ?? ''}`, 'content-type': 'application/json' },
            body: JSON.stringify(body),
          };
        },
      },
    ],
  });
  return {
    // autocannon's own average divides by whole seconds; the measured span is exact.
    sendsPerSec: (result['2xx'] + result.non2xx) / ((result.finish.getTime() - result.start.getTime()) / 1000),
    p50: result.latency.p50,
    p99: result.latency.p99,
    max: result.latency.max,
    ok: result['2xx'],
    non2xx: result.non2xx,
    errors: result.errors + result.timeouts,
  };
}

/**
 * Warm-up (JIT, caches) that also calibrates: it returns how many requests fill `seconds` at
 * the rate just seen. The measured runs then send exactly that many, because autocannon only
 * counts the responses of a fixed amount completely: a timed run stops with requests in flight,
 * which the server still commits, and stored events could not be matched to 200s.
 */
export async function warm(url: string, seed: Seed, seconds: number, connections: number): Promise<number> {
  const r = await drive(url, seed, { seconds: 3, connections, reactionShare: 0 });
  return Math.max(connections * 10, Math.round(r.sendsPerSec * seconds));
}
