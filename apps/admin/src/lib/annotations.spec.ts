import { describe, expect, it } from 'vitest';
import { groupAnnotations, groupRelations } from './annotations';

describe('groupAnnotations', () => {
  it('sums counts per key across types, most used first, then by key', () => {
    const groups = groupAnnotations([
      { type: 'm.reaction', key: '👍', count: 2 },
      { type: 'm.reaction', key: '🎉', count: 3 },
      { type: 'org.example.vote', key: '👍', count: 2 },
      { type: 'm.reaction', key: 'a', count: 1 },
      { type: 'm.reaction', key: 'b', count: 1 },
    ]);
    expect(groups).toEqual([
      { key: '👍', count: 4, types: ['m.reaction', 'org.example.vote'] },
      { key: '🎉', count: 3, types: ['m.reaction'] },
      { key: 'a', count: 1, types: ['m.reaction'] },
      { key: 'b', count: 1, types: ['m.reaction'] },
    ]);
  });

  it('gives nothing for no annotations', () => {
    expect(groupAnnotations([])).toEqual([]);
  });
});

describe('groupRelations', () => {
  it('groups by rel_type keeping the given order', () => {
    const r = (eventId: string, relType: string) => ({ eventId, relType, sender: '@a:x', type: 'm.room.message' });
    expect(groupRelations([r('$1', 'm.thread'), r('$2', 'm.replace'), r('$3', 'm.thread')])).toEqual([
      { relType: 'm.thread', items: [r('$1', 'm.thread'), r('$3', 'm.thread')] },
      { relType: 'm.replace', items: [r('$2', 'm.replace')] },
    ]);
  });
});
