import { describe, expect, it } from 'vitest';
import { inMemoryState, stateFromEvents } from './state-from-events';

describe('stateFromEvents', () => {
  it('a later event replaces an earlier one in the same slot; other slots are kept', () => {
    const a = { type: 'm.room.name', state_key: '', sender: '@a:x', content: { name: 'one' } };
    const b = { ...a, content: { name: 'two' } };
    const c = { ...a, type: 'm.room.topic', content: { topic: 't' } };
    const state = stateFromEvents([a, c, b]);
    expect(state('m.room.name', '')?.content).toEqual({ name: 'two' });
    expect(state('m.room.topic', '')).toBe(c);
    expect(state('m.room.name', 'other')).toBeUndefined();
  });

  it('type and state_key cannot bleed into each other', () => {
    const state = stateFromEvents([{ type: 'a|b', state_key: 'c', sender: '@a:x', content: {} }]);
    expect(state('a', 'b|c')).toBeUndefined();
  });
});

describe('inMemoryState', () => {
  it('applies events one at a time, so a planner can check each against the state before it', () => {
    const state = inMemoryState();
    expect(state.lookup('m.room.create', '')).toBeUndefined();
    state.apply({ type: 'm.room.create', state_key: '', sender: '@a:x', content: {} });
    expect(state.lookup('m.room.create', '')?.sender).toBe('@a:x');
  });
});
