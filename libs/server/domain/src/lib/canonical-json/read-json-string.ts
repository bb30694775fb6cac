import type { JsonCursor } from './json-cursor';
import { hasLoneSurrogate } from './lone-surrogate';

const QUOTE = 0x22; // "
const BACKSLASH = 0x5c; // \
const SPACE = 0x20; // first character that needs no escape

const SHORT_ESCAPES: Readonly<Record<number, string>> = {
  0x22: '"',
  0x5c: '\\',
  0x2f: '/',
  0x62: '\b',
  0x66: '\f',
  0x6e: '\n',
  0x72: '\r',
  0x74: '\t',
};

/**
 * Reads a string literal (the cursor is on its opening quote) and returns the decoded value.
 *
 * Lone surrogates, raw or written as `\ud800`, are rejected as M_BAD_JSON: JSON.parse accepts
 * them, but canonical JSON is UTF-8 and a lone surrogate has no UTF-8 encoding, so such an
 * event could never be hashed or signed.
 */
export function readJsonString(cur: JsonCursor): string {
  const text = cur.text;
  const start = cur.pos + 1;
  let unpaired = false;
  // Fast path: most strings have no escapes, so the value is a plain slice of the input.
  for (let i = start; ; i++) {
    const c = text.charCodeAt(i);
    if (c === QUOTE) {
      const value = text.slice(start, i);
      checkSurrogates(cur, value, unpaired, start - 1);
      cur.pos = i + 1;
      return value;
    }
    if (c === BACKSLASH) return readEscapedString(cur, start, i, unpaired);
    // `!(c >= 0x20)` also catches NaN, i.e. the input ending inside the string.
    if (!(c >= SPACE)) throw unterminatedOrControl(cur, i);
    if (c >= 0xd800 && c <= 0xdfff) {
      // Pair raw halves here (emoji are common); anything else gets the full check at the end.
      const next = text.charCodeAt(i + 1);
      if (c <= 0xdbff && next >= 0xdc00 && next <= 0xdfff) i++;
      else unpaired = true;
    }
  }
}

function readEscapedString(cur: JsonCursor, start: number, from: number, unpairedSoFar: boolean): string {
  const text = cur.text;
  let suspect = unpairedSoFar;
  let value = text.slice(start, from);
  let runStart = from;
  let i = from;
  for (;;) {
    const c = text.charCodeAt(i);
    if (c === QUOTE) break;
    if (c === BACKSLASH) {
      value += text.slice(runStart, i);
      const kind = text.charCodeAt(i + 1);
      if (kind === 0x75 /* u */) {
        const unit = readHex4(cur, i + 2);
        if (unit >= 0xd800 && unit <= 0xdfff) suspect = true;
        value += String.fromCharCode(unit);
        i += 6;
      } else {
        const decoded = SHORT_ESCAPES[kind];
        if (decoded === undefined) throw cur.notJson('invalid escape sequence', i);
        value += decoded;
        i += 2;
      }
      runStart = i;
      continue;
    }
    if (!(c >= SPACE)) throw unterminatedOrControl(cur, i);
    if (c >= 0xd800 && c <= 0xdfff) suspect = true;
    i++;
  }
  value += text.slice(runStart, i);
  checkSurrogates(cur, value, suspect, start - 1);
  cur.pos = i + 1;
  return value;
}

function readHex4(cur: JsonCursor, at: number): number {
  let unit = 0;
  for (let i = at; i < at + 4; i++) {
    const c = cur.text.charCodeAt(i);
    const digit =
      c >= 0x30 && c <= 0x39 ? c - 0x30 : c >= 0x61 && c <= 0x66 ? c - 0x57 : c >= 0x41 && c <= 0x46 ? c - 0x37 : -1;
    if (digit < 0) throw cur.notJson('invalid \\u escape', at - 2);
    unit = unit * 16 + digit;
  }
  return unit;
}

// Checked on the decoded value so an escaped high half followed by a raw low half still pairs.
function checkSurrogates(cur: JsonCursor, value: string, suspect: boolean, at: number): void {
  if (suspect && hasLoneSurrogate(value)) {
    throw cur.notCanonical('strings must not contain lone UTF-16 surrogates', at);
  }
}

function unterminatedOrControl(cur: JsonCursor, at: number) {
  return at >= cur.text.length
    ? cur.notJson('unterminated string', at)
    : cur.notJson('unescaped control character in string', at);
}
