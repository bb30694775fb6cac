/**
 * The headers of a media download. Content-Disposition is `inline` only for types a browser
 * shows without running anything (Synapse's list, spec v1.12 "Content-Type and
 * Content-Disposition"); everything else, HTML and SVG included, is an `attachment`. Every
 * download also carries `X-Content-Type-Options: nosniff` and a sandboxing CSP, so even a
 * mislabelled file cannot run script in the server's origin.
 */
const INLINE_TYPES = new Set([
  'text/css',
  'text/plain',
  'text/csv',
  'application/json',
  'application/ld+json',
  'image/jpeg',
  'image/gif',
  'image/png',
  'image/apng',
  'image/webp',
  'image/avif',
  'video/mp4',
  'video/webm',
  'video/ogg',
  'video/quicktime',
  'audio/mp4',
  'audio/webm',
  'audio/aac',
  'audio/mpeg',
  'audio/ogg',
  'audio/wave',
  'audio/wav',
  'audio/x-wav',
  'audio/x-pn-wav',
  'audio/flac',
  'audio/x-flac',
]);

export const MEDIA_CSP = "sandbox; default-src 'none'; script-src 'none'; plugin-types application/pdf; style-src 'unsafe-inline'; media-src 'self'; object-src 'self';";

export function isInlineType(contentType: string): boolean {
  return INLINE_TYPES.has((contentType.split(';')[0] ?? '').trim().toLowerCase());
}

/** RFC 6266 / 5987: a plain quoted name when it is safe ASCII, else `filename*=utf-8''…`. */
function dispositionFileName(fileName: string): string {
  if (/^[\x20-\x7e]*$/.test(fileName) && !/["\\;]/.test(fileName)) return `; filename="${fileName}"`;
  const encoded = encodeURIComponent(fileName).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `; filename*=utf-8''${encoded}`;
}

export function mediaHeaders(contentType: string | null, fileName: string | null): Record<string, string> {
  const type = contentType ?? 'application/octet-stream';
  // text/* without a charset is served as UTF-8, so a browser does not guess (Synapse does so too).
  const served = type.toLowerCase().startsWith('text/') && !/;\s*charset=/i.test(type) ? `${type}; charset=utf-8` : type;
  const disposition = (isInlineType(type) ? 'inline' : 'attachment') + (fileName ? dispositionFileName(fileName) : '');
  return {
    'content-type': served,
    'content-disposition': disposition,
    'x-content-type-options': 'nosniff',
    'content-security-policy': MEDIA_CSP,
    'cross-origin-resource-policy': 'cross-origin',
    'cache-control': 'private, max-age=31536000, immutable',
  };
}
