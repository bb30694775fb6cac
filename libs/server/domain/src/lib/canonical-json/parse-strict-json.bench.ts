import { bench, describe } from 'vitest';
import { canonicalJson } from './canonical-json';
import { parseStrictJson } from './parse-strict-json';
import { SAMPLE_MESSAGE_BODY } from './testing/sample-message-body';

// Run with: npx vitest bench --run --root libs/server/domain src/lib/canonical-json
const bytes = Buffer.from(SAMPLE_MESSAGE_BODY, 'utf8');
const value = JSON.parse(SAMPLE_MESSAGE_BODY);

describe(`parse a ${bytes.length}-byte message body`, () => {
  bench('JSON.parse(buffer.toString())', () => {
    JSON.parse(bytes.toString('utf8'));
  });
  bench('parseStrictJson(buffer)', () => {
    parseStrictJson(bytes);
  });
});

describe('encode the same body', () => {
  bench('JSON.stringify', () => {
    JSON.stringify(value);
  });
  bench('canonicalJson', () => {
    canonicalJson(value);
  });
});
