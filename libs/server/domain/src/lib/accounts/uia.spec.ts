import { describe, expect, it } from 'vitest';
import { UiaRequiredError, decodeUiaState, encodeUiaState, isFlowComplete, parseAuthDict } from './uia';
import { MatrixError, forbidden } from '@courier/shared-matrix-errors';

const flows = [{ stages: ['m.login.dummy'] }];

describe('UIA rules', () => {
  it('a plain challenge is {flows, params, session} with no errcode', () => {
    const e = new UiaRequiredError(flows, 'S', []);
    expect(e.status).toBe(401);
    expect(e).toBeInstanceOf(MatrixError);
    expect(e.toBody()).toEqual({ flows, params: {}, session: 'S' });
  });

  it('a failed stage adds errcode and error; completed stages are listed', () => {
    const e = new UiaRequiredError([{ stages: ['a', 'b'] }], 'S', ['a'], forbidden('Invalid password'));
    expect(e.toBody()).toEqual({ flows: [{ stages: ['a', 'b'] }], params: {}, session: 'S', completed: ['a'], errcode: 'M_FORBIDDEN', error: 'Invalid password' });
  });

  it('a flow is complete when every stage of one flow is', () => {
    expect(isFlowComplete([{ stages: ['a', 'b'] }, { stages: ['c'] }], ['c'])).toBe(true);
    expect(isFlowComplete([{ stages: ['a', 'b'] }], ['a'])).toBe(false);
  });

  it('state round-trips; unreadable state is no session', () => {
    const state = { purpose: 'register', completed: ['m.login.dummy'], params: { username: 'a' }, passwordHash: 'h' };
    expect(decodeUiaState(encodeUiaState(state))).toEqual(state);
    expect(decodeUiaState('not json')).toBeUndefined();
    expect(decodeUiaState('{"completed":[]}')).toBeUndefined();
  });

  it('parses the auth dict, refusing wrong types', () => {
    expect(parseAuthDict(undefined)).toBeUndefined();
    expect(parseAuthDict({ type: 'm.login.dummy', session: 'S' })).toMatchObject({ type: 'm.login.dummy', session: 'S' });
    expect(() => parseAuthDict('x')).toThrow(MatrixError);
    expect(() => parseAuthDict({ session: 5 })).toThrow(MatrixError);
  });
});
