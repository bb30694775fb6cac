import { describe, expect, it } from 'vitest';
import { formatAgo, formatCount, formatTime, prettyJson, shortId, summarizeEvent } from './format';

describe('formatting', () => {
  it('groups thousands', () => {
    expect(formatCount(0)).toBe('0');
    expect(formatCount(1234567)).toBe('1,234,567');
  });

  it('prints local times to the second, and a dash for none', () => {
    const ts = new Date(2025, 10, 27, 9, 5, 3).getTime();
    expect(formatTime(ts)).toBe('2025-11-27 09:05:03');
    expect(formatTime(null)).toBe('—');
    expect(formatTime(Number.NaN)).toBe('—');
  });

  it.each([
    [1_000, 'just now'],
    [42_000, '42 s ago'],
    [5 * 60_000, '5 min ago'],
    [3 * 3_600_000, '3 h ago'],
    [12 * 86_400_000, '12 d ago'],
  ])('says %i ms ago as %s', (ago, text) => {
    expect(formatAgo(1_000_000_000_000 - ago, 1_000_000_000_000)).toBe(text);
  });

  it('says never for no timestamp', () => {
    expect(formatAgo(null, Date.now())).toBe('never');
  });

  it('shortens long IDs in the middle only', () => {
    expect(shortId('!short:x')).toBe('!short:x');
    expect(shortId('$abcdefghijklmnopqrstuvwxyz0123456789', 6)).toBe('$abcde…6789');
  });

  it('pretty-prints JSON with two spaces', () => {
    expect(prettyJson({ a: [1] })).toBe('{\n  "a": [\n    1\n  ]\n}');
  });
});

describe('summarizeEvent', () => {
  const ev = (type: string, content: Record<string, unknown>, stateKey: string | null = null, redactedBy: string | null = null) => ({ type, content, stateKey, redactedBy });
  it.each([
    [ev('m.room.message', { msgtype: 'm.text', body: 'hi' }), 'hi'],
    [ev('m.room.message', {}), '(no body)'],
    [ev('m.room.member', { membership: 'join' }, '@a:x'), '@a:x → join'],
    [ev('m.room.name', { name: 'General' }, ''), 'name: General'],
    [ev('m.room.topic', { topic: 'Chat' }, ''), 'topic: Chat'],
    [ev('m.reaction', { 'm.relates_to': { rel_type: 'm.annotation', event_id: '$e', key: '👍' } }), 'reacted 👍'],
    [ev('m.room.create', {}, ''), 'm.room.create (state)'],
    [ev('org.example.custom', {}), 'org.example.custom'],
    [ev('m.room.message', { body: 'secret' }, null, '$r'), '(redacted)'],
  ])('summarises %j', (e, text) => {
    expect(summarizeEvent(e)).toBe(text);
  });
});
