import { MatrixError, notJson } from '@courier/shared-matrix-errors';
import type { JsonValue } from '../json';
import { JsonCursor } from './json-cursor';
import { DEFAULT_MAX_JSON_DEPTH } from './json-limits';
import { readJsonDocument } from './read-json-document';

export interface ParseStrictJsonOptions {
  /** How many arrays/objects may nest; the top-level container counts as 1. */
  maxDepth?: number;
}

// ignoreBOM keeps a leading BOM in the output so we can reject it instead of silently eating it.
const UTF8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/**
 * Parses a request body the way room versions 6+ require (appendices, "Canonical JSON"):
 * anything that is not JSON is 400 M_NOT_JSON; JSON that canonical JSON forbids (fractions,
 * exponents, -0, integers beyond ±(2^53-1), duplicate keys, lone surrogates, excess nesting)
 * is 400 M_BAD_JSON.
 *
 * The scan is a single pass. It stops at the first problem, so when it finds a canonical-JSON
 * violation the rest of the body is still unread; the body is then checked for well-formedness
 * with JSON.parse so a body that is broken later on is reported as M_NOT_JSON, not M_BAD_JSON.
 * That extra pass only runs on bodies we reject.
 */
export function parseStrictJson(raw: Buffer | string, opts: ParseStrictJsonOptions = {}): JsonValue {
  const maxDepth = opts.maxDepth ?? DEFAULT_MAX_JSON_DEPTH;
  if (!Number.isInteger(maxDepth) || maxDepth < 1) {
    throw new RangeError(`maxDepth must be a positive integer, got ${maxDepth}`);
  }
  const text = typeof raw === 'string' ? raw : decodeUtf8(raw);
  if (text.charCodeAt(0) === 0xfeff) throw notJson('Request body is not valid JSON: it starts with a byte order mark');

  try {
    return readJsonDocument(new JsonCursor(text), maxDepth);
  } catch (err) {
    if (err instanceof MatrixError && err.errcode === 'M_BAD_JSON' && !isWellFormedJson(text)) {
      throw notJson('Request body is not valid JSON');
    }
    throw err;
  }
}

function decodeUtf8(bytes: Buffer): string {
  try {
    return UTF8.decode(bytes);
  } catch {
    throw notJson('Request body is not valid UTF-8');
  }
}

// V8's JSON.parse is iterative, so this is safe on deeply nested input too.
function isWellFormedJson(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}
