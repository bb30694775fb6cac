import { describe, expect, it } from 'vitest';
import { namedPowerLevel, requiredPowerLevel, userPowerLevel } from './power-levels';
import { stateFromEvents } from './state-from-events';
import { CREATOR, DEFAULT_TEST_LEVELS, MEMBER, MOD, createEvent, stateEvent, testRoom } from './test-room';

describe('userPowerLevel', () => {
  it.each([
    ['a listed user has their level', MOD, 50],
    ['an unlisted user has users_default', MEMBER, 7],
  ])('%s', (_label, user, level) => {
    expect(userPowerLevel(user, testRoom({ powerLevels: { ...DEFAULT_TEST_LEVELS, users_default: 7 } }))).toBe(level);
  });

  it('users_default defaults to 0', () => {
    expect(userPowerLevel(MEMBER, testRoom({ powerLevels: { users: {} } }))).toBe(0);
  });

  it('without power levels the v11 creator (the create sender) has 100, everyone else 0', () => {
    const room = testRoom({ powerLevels: null });
    expect(userPowerLevel(CREATOR, room)).toBe(100);
    expect(userPowerLevel(MOD, room)).toBe(0);
  });

  it('without power levels the v10 creator is content.creator', () => {
    const create = { ...createEvent('10', '@other:example.org'), content: { room_version: '10', creator: CREATOR } };
    expect(userPowerLevel(CREATOR, stateFromEvents([create]))).toBe(100);
    expect(userPowerLevel('@other:example.org', stateFromEvents([create]))).toBe(0);
  });

  it('with power levels the creator gets no implicit 100', () => {
    expect(userPowerLevel(CREATOR, testRoom({ powerLevels: { users: {} } }))).toBe(0);
  });
});

describe('requiredPowerLevel and namedPowerLevel', () => {
  it.each([
    ['a state event with no power levels needs 50', null, 'm.room.name', true, 50],
    ['a message with no power levels needs 0', null, 'm.room.message', false, 0],
    ['a state event falls back to state_default', { state_default: 20 }, 'm.room.name', true, 20],
    ['a message falls back to events_default', { events_default: 10 }, 'm.room.message', false, 10],
    ['events[type] wins for state events', { events: { 'm.room.name': 75 }, state_default: 20 }, 'm.room.name', true, 75],
    ['events[type] wins for messages', { events: { 'm.reaction': 5 }, events_default: 10 }, 'm.reaction', false, 5],
    ['state_default defaults to 50 even with power levels', { events: {} }, 'm.room.topic', true, 50],
  ])('%s', (_label, powerLevels, type, isState, level) => {
    expect(requiredPowerLevel(type, isState, testRoom({ powerLevels }))).toBe(level);
  });

  it.each([
    ['ban', 50],
    ['kick', 50],
    ['redact', 50],
    ['invite', 0],
  ] as const)('%s defaults to %i, with or without a power levels event', (name, level) => {
    expect(namedPowerLevel(name, testRoom({ powerLevels: null }))).toBe(level);
    expect(namedPowerLevel(name, testRoom({ powerLevels: { users: {} } }))).toBe(level);
  });

  it('a named level set in the power levels event is used', () => {
    const room = stateFromEvents([createEvent('11'), stateEvent('m.room.power_levels', '', { kick: 80 })]);
    expect(namedPowerLevel('kick', room)).toBe(80);
  });
});

describe('power level lookups with awkward keys', () => {
  it('an event type that names an Object property falls back to the default', () => {
    expect(requiredPowerLevel('constructor', false, testRoom())).toBe(0);
    expect(requiredPowerLevel('toString', true, testRoom())).toBe(50);
  });
});
