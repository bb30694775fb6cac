import type { JsonCursor } from './json-cursor';
import { MAX_SAFE_INTEGER_DIGITS } from './json-limits';

const MINUS = 0x2d; // -
const DOT = 0x2e; // .
const ZERO = 0x30; // 0
const ONE = 0x31; // 1
const NINE = 0x39; // 9
const UPPER_E = 0x45; // E
const LOWER_E = 0x65; // e

// Read once: an imported binding can cost a property load on every use.
const MAX_DIGITS = MAX_SAFE_INTEGER_DIGITS.length;

const isDigit = (c: number): boolean => c >= ZERO && c <= NINE;

/**
 * Reads a number starting at the cursor and returns its value. Only canonical integers pass:
 * a fraction, an exponent, `-0` or a magnitude above 2^53-1 is valid JSON but not canonical.
 */
export function readJsonNumber(cur: JsonCursor): number {
  const text = cur.text;
  const start = cur.pos;
  let i = start;
  const negative = text.charCodeAt(i) === MINUS;
  if (negative) i++;
  const digitsStart = i;
  let c = text.charCodeAt(i);
  let value = 0;
  if (c === ZERO) {
    i++;
  } else if (c >= ONE && c <= NINE) {
    // Exact while the result stays within 2^53; anything longer is rejected by length below.
    do {
      value = value * 10 + (c - ZERO);
      c = text.charCodeAt(++i);
    } while (isDigit(c));
  } else {
    throw cur.notJson("expected a digit after '-'", i);
  }
  const digits = i - digitsStart;

  c = text.charCodeAt(i);
  if (c === DOT || c === LOWER_E || c === UPPER_E) {
    checkFractionAndExponent(cur, i);
    throw cur.notCanonical('numbers must be integers without a fraction or exponent', start);
  }
  if (negative && value === 0) throw cur.notCanonical('-0 is not allowed', start);
  // Equal-length digit strings compare numerically as text.
  if (digits >= MAX_DIGITS && (digits > MAX_DIGITS || text.slice(digitsStart, i) > MAX_SAFE_INTEGER_DIGITS)) {
    throw cur.notCanonical('integer is outside the range ±(2^53-1)', start);
  }
  cur.pos = i;
  return negative ? -value : value;
}

/** Gives malformed tails like `1.` or `1e` the syntax error they deserve. */
function checkFractionAndExponent(cur: JsonCursor, from: number): void {
  const text = cur.text;
  let i = from;
  if (text.charCodeAt(i) === DOT) {
    if (!isDigit(text.charCodeAt(++i))) throw cur.notJson('expected a digit after the decimal point', i);
    while (isDigit(text.charCodeAt(i))) i++;
  }
  const c = text.charCodeAt(i);
  if (c === LOWER_E || c === UPPER_E) {
    const sign = text.charCodeAt(++i);
    if (sign === 0x2b || sign === MINUS) i++;
    if (!isDigit(text.charCodeAt(i))) throw cur.notJson('expected a digit in the exponent', i);
  }
}
