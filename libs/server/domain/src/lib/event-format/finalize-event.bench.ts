import { bench, describe } from 'vitest';
import { SAMPLE_MESSAGE_BODY } from '../canonical-json/testing/sample-message-body';
import { finalizeEvent } from './finalize-event';
import { generateSigningKey } from './signing-key';
import { messageProto } from './testing/sample-pdu';

// Run with: npx vitest bench --run --root libs/server/domain src/lib/event-format
const key = generateSigningKey();
const proto = { ...messageProto(), content: JSON.parse(SAMPLE_MESSAGE_BODY) };

describe('finalize a message event with a ~1 KiB body', () => {
  bench('finalizeEvent (v11)', () => {
    finalizeEvent(proto, '11', 'courier.test', key);
  });
});
