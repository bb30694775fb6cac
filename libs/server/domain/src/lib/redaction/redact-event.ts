import { isJsonObject, type JsonObject } from '../json';
import type { RoomVersion } from '../pdu';
import type { ContentRule } from './redaction-rules';
import { redactionRulesFor } from './redaction-rules-for';

/**
 * The redaction algorithm of the given room version: strips every top-level key the version
 * does not protect, and every content key its event type does not protect.
 *
 * Returns a new event and never mutates the input. Kept values are shared with the input, not
 * copied (this runs on every event we sign), so treat both as immutable.
 *
 * The result always has an object `content`, even if the input had none or a non-object one:
 * the rules describe what survives *of* the content, and readers of a redacted event
 * (auth rules, clients) expect an object there.
 */
export function redactEvent(event: JsonObject, roomVersion: RoomVersion): JsonObject {
  const rules = redactionRulesFor(roomVersion);
  const redacted: JsonObject = {};
  for (const key of Object.keys(event)) {
    const value = event[key];
    if (value !== undefined && rules.topLevelKeys.has(key)) redacted[key] = value;
  }
  const type = event['type'];
  const rule = typeof type === 'string' && Object.hasOwn(rules.contentKeys, type) ? rules.contentKeys[type] : undefined;
  const content = event['content'];
  redacted['content'] = redactContent(isJsonObject(content) ? content : {}, rule);
  return redacted;
}

function redactContent(content: JsonObject, rule: ContentRule | undefined): JsonObject {
  if (rule === undefined) return {};
  if (rule === 'all') return { ...content };
  const kept = pick(content, rule.keep);
  for (const [key, subKeys] of Object.entries(rule.keepWithin ?? {})) {
    const value = content[key];
    // An object without the sub-keys still leaves an empty object behind, as Synapse does;
    // the spec is silent on this case and the choice changes reference hashes.
    if (isJsonObject(value)) kept[key] = pick(value, subKeys);
  }
  return kept;
}

function pick(source: JsonObject, keys: readonly string[]): JsonObject {
  const out: JsonObject = {};
  for (const key of keys) {
    const value = Object.hasOwn(source, key) ? source[key] : undefined;
    if (value !== undefined) out[key] = value;
  }
  return out;
}
