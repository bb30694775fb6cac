import type { JsonObject, JsonValue } from '../json';
import type { JsonCursor } from './json-cursor';
import { readJsonNumber } from './read-json-number';
import { readJsonString } from './read-json-string';

const QUOTE = 0x22; // "
const COMMA = 0x2c; // ,
const MINUS = 0x2d; // -
const ZERO = 0x30; // 0
const NINE = 0x39; // 9
const COLON = 0x3a; // :
const OPEN_BRACKET = 0x5b; // [
const CLOSE_BRACKET = 0x5d; // ]
const OPEN_BRACE = 0x7b; // {
const CLOSE_BRACE = 0x7d; // }

type Container = JsonValue[] | JsonObject;

/**
 * Reads one complete JSON document with an explicit stack instead of recursion, so nesting
 * depth costs heap, never call stack: a body of 100k `[` cannot overflow anything.
 */
export function readJsonDocument(cur: JsonCursor, maxDepth: number): JsonValue {
  const text = cur.text;
  const parents: Container[] = [];
  const parentKeys: string[] = []; // the pending key of each enclosing container
  let top: Container | undefined;
  let topIsArray = false;
  let key = '';
  let root: JsonValue = null;

  for (;;) {
    // A value is expected here.
    cur.skipWhitespace();
    const c = text.charCodeAt(cur.pos);
    if (c === OPEN_BRACE || c === OPEN_BRACKET) {
      // parentKeys gets one entry per open container, so its length is the current depth.
      if (parentKeys.length >= maxDepth) throw cur.notCanonical(`nesting deeper than ${maxDepth} levels`);
      const container: Container = c === OPEN_BRACE ? {} : [];
      if (top === undefined) root = container;
      else attach(top, topIsArray, key, container);
      if (top !== undefined) parents.push(top);
      parentKeys.push(key);
      top = container;
      topIsArray = c === OPEN_BRACKET;
      cur.pos++;
      cur.skipWhitespace();
      if (text.charCodeAt(cur.pos) !== (topIsArray ? CLOSE_BRACKET : CLOSE_BRACE)) {
        if (!topIsArray) key = readKey(cur, container as JsonObject);
        continue;
      }
      // An empty container is complete at once: the loop below consumes its closing character.
    } else {
      const value = readScalar(cur, c);
      if (top === undefined) root = value;
      else attach(top, topIsArray, key, value);
    }

    // A value just ended: close finished containers until a ',' asks for another value.
    for (;;) {
      if (top === undefined) {
        cur.skipWhitespace();
        if (cur.pos !== text.length) throw cur.notJson('unexpected data after the JSON value');
        return root;
      }
      cur.skipWhitespace();
      const d = text.charCodeAt(cur.pos);
      if (d === (topIsArray ? CLOSE_BRACKET : CLOSE_BRACE)) {
        cur.pos++;
        key = parentKeys.pop() ?? '';
        top = parents.pop();
        topIsArray = Array.isArray(top);
        continue;
      }
      if (d !== COMMA) throw cur.notJson(topIsArray ? "expected ',' or ']'" : "expected ',' or '}'");
      cur.pos++;
      if (!topIsArray) key = readKey(cur, top as JsonObject);
      break;
    }
  }
}

/** Reads `"key":`, rejecting a key the object already has (compared after unescaping). */
function readKey(cur: JsonCursor, obj: JsonObject): string {
  cur.skipWhitespace();
  if (cur.text.charCodeAt(cur.pos) !== QUOTE) throw cur.notJson('expected a string key');
  const at = cur.pos;
  const key = readJsonString(cur);
  if (Object.hasOwn(obj, key)) throw cur.notCanonical(`duplicate key ${JSON.stringify(key)}`, at);
  cur.skipWhitespace();
  if (cur.text.charCodeAt(cur.pos) !== COLON) throw cur.notJson("expected ':' after key");
  cur.pos++;
  return key;
}

function readScalar(cur: JsonCursor, c: number): JsonValue {
  if (c === QUOTE) return readJsonString(cur);
  if (c === MINUS || (c >= ZERO && c <= NINE)) return readJsonNumber(cur);
  if (c === 0x74 /* t */ && cur.text.startsWith('true', cur.pos)) return literal(cur, 4, true);
  if (c === 0x66 /* f */ && cur.text.startsWith('false', cur.pos)) return literal(cur, 5, false);
  if (c === 0x6e /* n */ && cur.text.startsWith('null', cur.pos)) return literal(cur, 4, null);
  // NaN, Infinity, single quotes, a bare word, or the end of the input.
  throw cur.notJson('expected a value');
}

function literal<T extends JsonValue>(cur: JsonCursor, length: number, value: T): T {
  cur.pos += length;
  return value;
}

function attach(top: Container, topIsArray: boolean, key: string, value: JsonValue): void {
  if (topIsArray) (top as JsonValue[]).push(value);
  else setOwn(top as JsonObject, key, value);
}

/**
 * Plain assignment of `__proto__` would replace the object's prototype; JSON.parse instead
 * creates an ordinary own property, and so do we.
 */
function setOwn(obj: JsonObject, key: string, value: JsonValue): void {
  if (key === '__proto__') {
    Object.defineProperty(obj, key, { value, writable: true, enumerable: true, configurable: true });
  } else {
    obj[key] = value;
  }
}
