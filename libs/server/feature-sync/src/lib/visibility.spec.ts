import { describe, expect, it } from 'vitest';
import type { AccessHistory } from '@courier/server-domain';
import { createVisibilityCheck, currentVisibility, everJoined, membershipAt } from './visibility';

const me = '@me:x';
const msg = (stream: number) => ({ stream, type: 'm.room.message', stateKey: null });
const history = (memberships: Array<[number, string]>, visibilities: Array<[number, string]>): AccessHistory => ({
  memberships: memberships.map(([stream, membership]) => ({ stream, membership, eventId: `$m${stream}` })),
  visibilities: visibilities.map(([stream, visibility]) => ({ stream, visibility })),
});

describe('history visibility', () => {
  it('shared (the default): everything once joined, including history before the join', () => {
    const can = createVisibilityCheck(history([[10, 'join']], []), me);
    expect([5, 11, 50].map((s) => can(msg(s)))).toEqual([true, true, true]);
  });

  it('shared: a user who left sees nothing sent after they left', () => {
    const can = createVisibilityCheck(history([[10, 'join'], [20, 'leave']], [[1, 'shared']]), me);
    expect(can(msg(15))).toBe(true);
    expect(can(msg(25))).toBe(false);
  });

  it('joined: nothing before the join, nothing after the leave', () => {
    const can = createVisibilityCheck(history([[10, 'invite'], [12, 'join'], [20, 'leave']], [[1, 'joined']]), me);
    expect([5, 11, 13, 21].map((s) => can(msg(s)))).toEqual([false, false, true, false]);
  });

  it('invited: from the invite on', () => {
    const can = createVisibilityCheck(history([[10, 'invite'], [12, 'join']], [[1, 'invited']]), me);
    expect([5, 11, 13].map((s) => can(msg(s)))).toEqual([false, true, true]);
  });

  it('world_readable: anyone, member or not', () => {
    const can = createVisibilityCheck(history([], [[1, 'world_readable']]), me);
    expect(can(msg(5))).toBe(true);
  });

  it('the visibility in force when the event was sent applies, not the current one', () => {
    const can = createVisibilityCheck(history([[30, 'join']], [[1, 'shared'], [20, 'joined']]), me);
    expect(can(msg(10))).toBe(true);
    expect(can(msg(25))).toBe(false);
  });

  it('users always see their own membership events', () => {
    const can = createVisibilityCheck(history([[10, 'invite'], [20, 'ban']], [[1, 'joined']]), me);
    expect(can({ stream: 10, type: 'm.room.member', stateKey: me })).toBe(true);
    expect(can({ stream: 20, type: 'm.room.member', stateKey: me })).toBe(true);
    expect(can({ stream: 21, type: 'm.room.member', stateKey: '@other:x' })).toBe(false);
  });

  it('helpers: membership at a position, ever joined, current visibility', () => {
    const h = history([[10, 'join'], [20, 'leave']], [[5, 'joined']]);
    expect([membershipAt(h, 9), membershipAt(h, 10), membershipAt(h, 20)]).toEqual(['leave', 'join', 'leave']);
    expect(everJoined(h)).toBe(true);
    expect(currentVisibility(h)).toBe('joined');
    expect(currentVisibility(history([], []))).toBe('shared');
  });
});
