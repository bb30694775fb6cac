import type { EventDraft, TxnKey } from '@courier/server-domain';
import type { PendingAppend } from './append-queue';
import type { RoomChain } from './pg-room-chain';
import { isRefusal } from './refusal';

export const txnIdOf = (t: TxnKey) => JSON.stringify([t.userId, t.deviceId, t.roomId, t.eventType, t.txnId]);

function annotationIdOf(d: EventDraft): string | undefined {
  return d.annotation && JSON.stringify([d.annotation.targetEventId, d.pdu.sender, d.pdu.type, d.annotation.key]);
}

export interface Decided {
  item: PendingAppend;
  drafts: EventDraft[];
  /** Its guard rows are already in (a room creation's): this pass writes its rows only. */
  guarded?: boolean;
}

/** One try at the next stretch of a batch: the decisions, in batch order, on copies of the rooms. */
export interface Pass {
  decided: Decided[];
  /** The appends whose decision refused, in this try. */
  refused: Map<PendingAppend, unknown>;
  /** How many appends of the queue this pass covers (decided or refused). */
  covers: number;
  chains: Map<string, RoomChain>;
}

/**
 * Runs the decisions of `queue` in order, each on its room as the appends before it left it.
 * The pass ends after a redaction: the annotation row its target loses must be gone before any
 * later append's annotation guard runs, as it is when appends run one at a time.
 */
export function decidePass(guarded: Decided[], queue: PendingAppend[], chains: Map<string, RoomChain>): Pass {
  const next = new Map<string, RoomChain>();
  const chainOf = (roomId: string): RoomChain => {
    let chain = next.get(roomId);
    if (!chain) {
      const base = chains.get(roomId);
      if (!base) throw new Error(`room ${roomId} was not locked for this batch`);
      chain = base.clone();
      next.set(roomId, chain);
    }
    return chain;
  };
  const decided: Decided[] = [];
  for (const g of guarded) {
    chainOf(g.item.roomId).apply(g.drafts);
    decided.push(g);
  }
  const refused = new Map<PendingAppend, unknown>();
  let covers = 0;
  for (const item of queue) {
    covers += 1;
    const chain = chainOf(item.roomId);
    let drafts: EventDraft[];
    try {
      drafts = item.decide(chain.snapshot());
    } catch (err) {
      if (!isRefusal(err)) throw err;
      refused.set(item, err);
      continue;
    }
    chain.apply(drafts);
    decided.push({ item, drafts });
    if (drafts.some((d) => d.redaction)) break;
  }
  return { decided, refused, covers, chains: next };
}

/** Why a guard refused an append; `winner` is the earlier append of the same try that holds the key. */
export type GuardRefusal = { kind: 'txn'; key: TxnKey; winner?: PendingAppend } | { kind: 'annotation' };

export interface RefusalVerdict {
  /** Refusals known to stand whatever the rest of the batch does. */
  final: Map<PendingAppend, GuardRefusal>;
  /** Decision refusals made before the first guard refusal: the same on any retry. */
  finalDecisions: PendingAppend[];
}

/**
 * Sorts a refused try's refusals. The first refused append in batch order saw exactly what it
 * would have seen alone, so its refusal stands; so does any refused by a row from outside the try,
 * or by an append before that first one (whose success is then certain). The others are tried
 * again without the refused appends, whose drafts (and so prev_events) are gone.
 */
export function judgeRefusals(pass: Pass, queue: PendingAppend[], insertedTxns: Set<string>, insertedAnnotations: Set<string>): RefusalVerdict {
  const order = new Map(queue.map((item, i) => [item, i]));
  const owner = new Map<string, PendingAppend>();
  const refusals = new Map<PendingAppend, GuardRefusal & { by?: PendingAppend }>();
  for (const { item, drafts, guarded } of pass.decided) {
    if (guarded) continue;
    for (const d of drafts) {
      if (d.txn) {
        const txnId = 't' + txnIdOf(d.txn);
        if (insertedTxns.has(d.eventId)) owner.set(txnId, item);
        else if (!refusals.has(item)) refusals.set(item, { kind: 'txn', key: d.txn, by: owner.get(txnId) });
      }
      const annotationId = annotationIdOf(d);
      if (annotationId) {
        if (insertedAnnotations.has(d.eventId)) owner.set('a' + annotationId, item);
        else if (!refusals.has(item)) refusals.set(item, { kind: 'annotation', by: owner.get('a' + annotationId) });
      }
    }
  }
  let first = Infinity;
  for (const item of refusals.keys()) first = Math.min(first, order.get(item) ?? Infinity);
  const final = new Map<PendingAppend, GuardRefusal>();
  for (const [item, r] of refusals) {
    const standsAlone = order.get(item) === first || !r.by || (order.get(r.by) ?? Infinity) < first;
    if (!standsAlone) continue;
    final.set(item, r.kind === 'txn' ? { kind: 'txn', key: r.key, ...(r.by ? { winner: r.by } : {}) } : { kind: 'annotation' });
  }
  const finalDecisions = [...pass.refused.keys()].filter((item) => (order.get(item) ?? Infinity) < first);
  return { final, finalDecisions };
}
