import type { JsonObject, JsonValue } from '../json';
import { PUSH_RULE_KINDS, type PushRule, type PushRuleset } from './default-push-rules';

/** What a rule may look at besides the event (Client-Server API, "Push Rules: Conditions"). */
export interface PushContext {
  userId: string;
  /** The user's display name in the room, if any (contains_display_name). */
  displayName: string | undefined;
  /** Joined members of the room (room_member_count). */
  memberCount: number;
  /** The sender's power level and the level each notification key needs (sender_notification_permission). */
  senderPowerLevel: () => number;
  notificationLevel: (key: string) => number;
}

export interface PushEvent {
  /** For room-kind rules, which are keyed by room ID. */
  roomId?: string;
  type: string;
  sender: string;
  stateKey: string | null;
  content: JsonObject;
}

export interface PushOutcome {
  notify: boolean;
  highlight: boolean;
}

const NONE: PushOutcome = { notify: false, highlight: false };

/**
 * Evaluates a rule set against an event as the spec says: kinds in priority order (override,
 * content, room, sender, underride), rules in order, the first enabled rule whose conditions
 * all hold decides. Its actions notify when they contain "notify", and highlight with a
 * `highlight` tweak whose value is not false. Unknown condition kinds never match (spec).
 */
export function evaluatePushRules(rules: PushRuleset, event: PushEvent, ctx: PushContext): PushOutcome {
  for (const kind of PUSH_RULE_KINDS) {
    for (const rule of rules[kind]) {
      if (!rule.enabled || !ruleMatches(kind, rule, event, ctx)) continue;
      return outcome(rule.actions);
    }
  }
  return NONE;
}

function outcome(actions: JsonValue[]): PushOutcome {
  const notify = actions.includes('notify');
  const highlight = actions.some(
    (a) => typeof a === 'object' && a !== null && !Array.isArray(a) && a['set_tweak'] === 'highlight' && a['value'] !== false,
  );
  return notify ? { notify, highlight } : NONE;
}

function ruleMatches(kind: string, rule: PushRule, event: PushEvent, ctx: PushContext): boolean {
  if (kind === 'content') return rule.pattern !== undefined && eventMatch(event, 'content.body', rule.pattern);
  if (kind === 'room') return rule.rule_id === event.roomId;
  if (kind === 'sender') return rule.rule_id === event.sender;
  return (rule.conditions ?? []).every((c) => conditionHolds(c, event, ctx));
}

function conditionHolds(c: JsonObject, event: PushEvent, ctx: PushContext): boolean {
  const key = typeof c['key'] === 'string' ? c['key'] : '';
  switch (c['kind']) {
    case 'event_match':
      return typeof c['pattern'] === 'string' && eventMatch(event, key, c['pattern']);
    case 'event_property_is': {
      const v = valueAt(event, key);
      return v !== undefined && (v === null || typeof v !== 'object') && v === c['value'];
    }
    case 'event_property_contains': {
      const v = valueAt(event, key);
      return Array.isArray(v) && v.some((x) => x === c['value']);
    }
    case 'contains_display_name': {
      const body = event.content['body'];
      return typeof body === 'string' && !!ctx.displayName && wordMatch(body, escapeRegExp(ctx.displayName));
    }
    case 'room_member_count':
      return typeof c['is'] === 'string' && memberCountMatches(c['is'], ctx.memberCount);
    case 'sender_notification_permission':
      return ctx.senderPowerLevel() >= ctx.notificationLevel(key);
    default:
      return false;
  }
}

/** Glob match of a string property; `content.body` matches at word boundaries (Synapse). */
function eventMatch(event: PushEvent, key: string, pattern: string): boolean {
  const v = valueAt(event, key);
  if (typeof v !== 'string') return false;
  const glob = pattern.split('').map((ch) => (ch === '*' ? '.*?' : ch === '?' ? '.' : escapeRegExp(ch))).join('');
  return key === 'content.body' ? wordMatch(v, glob) : new RegExp(`^${glob}$`, 'isu').test(v);
}

function wordMatch(text: string, regexBody: string): boolean {
  return new RegExp(`(?:^|[^\\p{L}\\p{N}_])(?:${regexBody})(?:$|[^\\p{L}\\p{N}_])`, 'isu').test(text);
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** A dotted key, where `\.` is a literal dot and `\\` a backslash (spec v1.7). */
function valueAt(event: PushEvent, key: string): JsonValue | undefined {
  const parts: string[] = [];
  let cur = '';
  for (let i = 0; i < key.length; i++) {
    const ch = key[i];
    if (ch === '\\' && (key[i + 1] === '.' || key[i + 1] === '\\')) cur += key[++i];
    else if (ch === '.') {
      parts.push(cur);
      cur = '';
    } else cur += ch;
  }
  parts.push(cur);
  const top: JsonObject = { type: event.type, sender: event.sender, content: event.content };
  if (event.stateKey !== null) top['state_key'] = event.stateKey;
  let v: JsonValue | undefined = top;
  for (const p of parts) {
    if (typeof v !== 'object' || v === null || Array.isArray(v)) return undefined;
    v = v[p];
  }
  return v;
}

function memberCountMatches(is: string, count: number): boolean {
  const m = /^(==|<=|>=|<|>)?(\d+)$/.exec(is);
  if (!m) return false;
  const n = Number(m[2]);
  switch (m[1]) {
    case '<':
      return count < n;
    case '>':
      return count > n;
    case '<=':
      return count <= n;
    case '>=':
      return count >= n;
    default:
      return count === n;
  }
}
