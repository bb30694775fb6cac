import { describe, expect, it } from 'vitest';
import { summarizeProfile } from './profile';

const frame = (functionName: string, url = '') => ({ functionName, url, lineNumber: 0, columnNumber: 0 });

/** A profile by hand: root → loader → parse (start-up), root → handler (fastify), root → sign, idle. */
const profile = {
  nodes: [
    { id: 1, callFrame: frame('(root)'), children: [2, 4, 5, 6] },
    { id: 2, callFrame: frame('loadESM', 'node:internal/modules/esm/loader'), children: [3] },
    { id: 3, callFrame: frame('parse', 'file:///x/node_modules/acorn/index.js') },
    { id: 4, callFrame: frame('handler', 'file:///x/node_modules/fastify/lib/route.js') },
    { id: 5, callFrame: frame('crypto_sign_detached', 'file:///x/node_modules/sodium-native/index.js') },
    { id: 6, callFrame: frame('(idle)') },
  ],
  // Deltas are µs of wall time before each sample.
  samples: [3, 3, 4, 4, 4, 5, 6, 6],
  timeDeltas: [1000, 1000, 100, 100, 100, 100, 5000, 5000],
};

describe('the bench profile summary', () => {
  it('splits the measured main-thread CPU per send by sample share, leaving out idle time and module loading', () => {
    const text = summarizeProfile(profile, 200);
    // Busy, not loading: fastify 300 µs and sodium-native 100 µs of samples → 75% and 25% of 200 µs.
    expect(text).toMatch(/\| fastify \| 150\.0 \| 75\.0% \|/);
    expect(text).toMatch(/\| sodium-native \| 50\.0 \| 25\.0% \|/);
    expect(text).not.toMatch(/acorn|\(idle\)/);
    expect(text).toMatch(/module loading at start-up, 2 ms, left out/);
  });
});
