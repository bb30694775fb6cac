import { badJson, notJson, type MatrixError } from '@courier/shared-matrix-errors';

/**
 * A read position in the decoded body. Scanning functions advance `pos` themselves so the hot
 * loop allocates nothing per token.
 *
 * Character codes are module-local constants in each scanner file rather than a shared enum:
 * an imported binding costs a property load per character under most module transforms.
 */
export class JsonCursor {
  pos = 0;

  constructor(readonly text: string) {}

  skipWhitespace(): void {
    const text = this.text;
    let i = this.pos;
    for (;;) {
      const c = text.charCodeAt(i);
      // JSON whitespace is exactly space, \n, \r and \t.
      if (c !== 0x20 && c !== 0x0a && c !== 0x0d && c !== 0x09) break;
      i++;
    }
    this.pos = i;
  }

  /** The body is not JSON at all: 400 M_NOT_JSON. */
  notJson(what: string, at = this.pos): MatrixError {
    const where = at >= this.text.length ? 'at end of input' : `at position ${at}`;
    return notJson(`Request body is not valid JSON: ${what} ${where}`);
  }

  /** The body is JSON but not canonical JSON: 400 M_BAD_JSON. */
  notCanonical(what: string, at = this.pos): MatrixError {
    return badJson(`Request body is not canonical JSON: ${what} at position ${at}`);
  }
}
