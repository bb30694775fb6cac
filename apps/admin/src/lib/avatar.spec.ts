import { describe, expect, it } from 'vitest';
import { avatarImageUrl, avatarInitials, parseMxc } from './avatar';

describe('avatars', () => {
  it('an mxc:// avatar is loaded from the media download route', () => {
    expect(avatarImageUrl('mxc://example.org/abcDEF_12-3')).toBe('/_matrix/client/v1/media/download/example.org/abcDEF_12-3');
    expect(avatarImageUrl('mxc://[::1]:8448/x')).toBe('/_matrix/client/v1/media/download/%5B%3A%3A1%5D%3A8448/x');
  });

  it.each([null, undefined, '', 'https://evil.example/a.png', 'javascript:alert(1)', 'mxc://example.org/../x', 'mxc://example.org/a/b', 'mxc://example.org/'])(
    '%j gives no image URL',
    (uri) => {
      expect(avatarImageUrl(uri)).toBeUndefined();
      expect(parseMxc(uri)).toBeUndefined();
    },
  );

  it('initials come from the display name, else the localpart', () => {
    expect(avatarInitials('@alice:example.org', 'Zoë')).toBe('Z');
    expect(avatarInitials('@alice:example.org', null)).toBe('A');
    expect(avatarInitials('@alice:example.org', '  ')).toBe('A');
  });
});
