/**
 * Nesting limit for request bodies. Matrix sets no number; 100 is far beyond any real event
 * and keeps the canonical encoder (which recurses) and every later walk of the tree cheap.
 */
export const DEFAULT_MAX_JSON_DEPTH = 100;

/**
 * The largest magnitude canonical JSON allows, written out so range checks can compare the
 * digits as text: comparing after conversion to double would let 9007199254740993 through,
 * because it rounds to 2^53.
 */
export const MAX_SAFE_INTEGER_DIGITS = '9007199254740991';
