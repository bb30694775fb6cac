import { describe, expect, it } from 'vitest';
import type { MatrixHandlerGroup, MatrixHandlers } from '../../src/routes/matrix/handler-context';
import { type matrixHandlers } from '../../src/routes/client';

/**
 * Issue 13: a missing handler, an extra one, or one whose return value does not fit the
 * spec's 200 body is a type error. Each `@ts-expect-error` below fails `tsc` (the typecheck
 * target) if the error it expects ever goes away.
 */
type Full = ReturnType<typeof matrixHandlers>;

describe('handler types', () => {
  it('a handler object without one operation is a type error', () => {
    const missingOne = (full: Full): MatrixHandlers => {
      const { sendMessage: _gone, ...rest } = full;
      // @ts-expect-error Property 'sendMessage' is missing
      return rest satisfies MatrixHandlers;
    };
    expect(typeof missingOne).toBe('function');
  });

  it('a handler for an operationId the spec does not have is a type error', () => {
    const extra = {
      // @ts-expect-error Object literal may only specify known properties
      notInTheSpec: async () => ({}),
    } satisfies MatrixHandlerGroup;
    expect(Object.keys(extra)).toEqual(['notInTheSpec']);
  });

  it('a handler whose return value does not fit the 200 body is a type error', () => {
    const wrong = {
      // @ts-expect-error event_id must be a string
      sendMessage: async () => ({ event_id: 42 }),
      // @ts-expect-error room_id is required in createRoom's 200 body
      createRoom: async () => ({}),
    } satisfies MatrixHandlerGroup;
    expect(Object.keys(wrong)).toHaveLength(2);
  });

  it('the app handler object covers the spec exactly', () => {
    const typed: MatrixHandlers = {} as Full;
    expect(typed).toBeDefined();
  });
});
