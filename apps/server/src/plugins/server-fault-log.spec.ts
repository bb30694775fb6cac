import type { FastifyBaseLogger } from 'fastify';
import { describe, expect, it } from 'vitest';
import { databaseUnavailable, forbidden } from '@courier/shared-matrix-errors';
import { createServerFaultLog, isServerFault } from './server-fault-log';

describe('the server-fault log', () => {
  it('writes the cause of a 503 at most once a second, counting the ones it left out', () => {
    let t = 0;
    const lines: Array<Record<string, unknown>> = [];
    const log = { warn: (obj: Record<string, unknown>) => lines.push(obj) } as unknown as FastifyBaseLogger;
    const write = createServerFaultLog(1_000, () => t);
    const cause = Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' });
    for (let i = 0; i < 5; i++) write(log, databaseUnavailable(cause));
    t = 1_000;
    write(log, databaseUnavailable(cause));
    expect(lines).toEqual([
      { err: cause, status: 503, similarSinceLast: 0 },
      { err: cause, status: 503, similarSinceLast: 4 },
    ]);
  });

  it('is about 5xx MatrixErrors only', () => {
    expect([isServerFault(databaseUnavailable()), isServerFault(forbidden()), isServerFault(new Error('x'))]).toEqual([true, false, false]);
  });
});
