import { describe, expect, it } from 'vitest';
import { isInlineType, mediaHeaders } from './content-headers';
import { chooseThumbnailSize } from './thumbnail';
import { generateMediaId, parseLocalMediaId } from './media-id';
import { normaliseContentType } from './upload-media';

describe('download headers', () => {
  it.each([
    ['image/png', true],
    ['IMAGE/JPEG; foo=bar', true],
    ['text/plain', true],
    ['text/html', false],
    ['image/svg+xml', false],
    ['application/javascript', false],
    ['application/xhtml+xml', false],
  ])('inline only for safe types: %s → %s', (type, inline) => {
    expect(isInlineType(type)).toBe(inline);
  });

  it('every download gets nosniff and a sandboxing CSP; no type is application/octet-stream as an attachment', () => {
    const h = mediaHeaders(null, null);
    expect(h).toMatchObject({ 'content-type': 'application/octet-stream', 'content-disposition': 'attachment', 'x-content-type-options': 'nosniff' });
    expect(h['content-security-policy']).toMatch(/^sandbox;/);
  });

  it('a file name with quotes or non-ASCII is sent as filename*', () => {
    expect(mediaHeaders('image/png', 'a".png')['content-disposition']).toBe("inline; filename*=utf-8''a%22.png");
    expect(mediaHeaders('image/png', 'ü.png')['content-disposition']).toBe("inline; filename*=utf-8''%C3%BC.png");
  });
});

describe('media IDs and content types', () => {
  it('media IDs are 32 URL-safe characters and never repeat', () => {
    const ids = new Set(Array.from({ length: 1000 }, generateMediaId));
    expect(ids.size).toBe(1000);
    for (const id of ids) expect(id).toMatch(/^[A-Za-z0-9_-]{32}$/);
  });

  it.each(['..', '../../etc/passwd', 'a/b', 'x'.repeat(33), ''])('a path media ID that Courier did not make is 404: %j', (id) => {
    expect(() => parseLocalMediaId('s.example', id, 's.example')).toThrow(expect.objectContaining({ errcode: 'M_NOT_FOUND' }));
  });

  it('another server name is 404', () => {
    expect(() => parseLocalMediaId('other.example', generateMediaId(), 's.example')).toThrow(expect.objectContaining({ errcode: 'M_NOT_FOUND' }));
  });

  it.each([
    ['image/png', 'image/png'],
    ['text/plain; charset=latin1', 'text/plain; charset=latin1'],
    ['nonsense', null],
    ['text/html\r\nX-Injected: 1', null],
    [undefined, null],
  ])('a Content-Type is kept only when it is a media type: %j → %j', (input, out) => {
    expect(normaliseContentType(input)).toBe(out);
  });
});

describe('thumbnail sizes', () => {
  it.each([
    [10, 10, 'crop', 32, 32],
    [50, 50, 'crop', 96, 96],
    [500, 500, 'crop', 96, 96],
    [100, 100, 'scale', 320, 240],
    [700, 500, 'scale', 800, 600],
    [4000, 4000, 'scale', 800, 600],
  ] as const)('%i×%i %s is served as %i×%i', (w, h, method, ew, eh) => {
    expect(chooseThumbnailSize(w, h, method)).toMatchObject({ width: ew, height: eh, method });
  });
});
