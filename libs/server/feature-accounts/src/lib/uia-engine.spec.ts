import { describe, expect, it } from 'vitest';
import { databaseUnavailable, forbidden, type MatrixError } from '@courier/shared-matrix-errors';
import { UiaRequiredError, type UiaSessionStore } from '@courier/server-domain';
import type { AccountDeps } from './account-deps';
import { checkUia } from './uia-engine';

/** checkUia's answer when a stage's check fails: the client's failure, or a server fault passed on. */
describe('a UIA stage that fails', () => {
  const sessions = new Map<string, string>();
  const uiaSessions: UiaSessionStore = {
    create: async (id, state) => void sessions.set(id, state),
    get: async (id) => sessions.get(id),
    update: async (id, state) => void sessions.set(id, state),
    prune: async () => undefined,
  };
  const deps = { now: () => 1_800_000_000_000, uiaSessions } as unknown as AccountDeps;
  const attempt = (stageError: MatrixError) =>
    checkUia(deps, {
      purpose: 'test',
      flows: [{ stages: ['m.login.password'] }],
      auth: { type: 'm.login.password', fields: {} },
      checkStage: async () => {
        throw stageError;
      },
    }).then(
      () => undefined,
      (err: unknown) => err,
    );

  it("on the client's own error is a 401 challenge carrying that errcode", async () => {
    const err = await attempt(forbidden('Invalid password'));
    expect(err).toBeInstanceOf(UiaRequiredError);
    expect((err as MatrixError).toBody()).toMatchObject({ errcode: 'M_FORBIDDEN', session: expect.any(String) });
  });

  it('on a server fault (the database away) is that 503, not a failed stage', async () => {
    const err = await attempt(databaseUnavailable());
    expect(err).not.toBeInstanceOf(UiaRequiredError);
    expect((err as MatrixError).status).toBe(503);
  });
});
