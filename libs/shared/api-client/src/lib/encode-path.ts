/**
 * openapi-fetch path serializer: every `{param}` becomes one percent-encoded path segment, so a
 * room id `!a:b` or a txnId containing `/` or `%` cannot change the URL's shape.
 *
 * `.` and `..` are refused: the WHATWG URL parser (fetch's) collapses them as dot-segments even
 * when percent-encoded (`%2E%2E`), so no URL could carry them to the server.
 */
export function encodePathSegment(value: string): string {
  if (value === '.' || value === '..') {
    throw new TypeError(`Path parameter value ${JSON.stringify(value)} cannot be sent in a URL path`);
  }
  return encodeURIComponent(value);
}

export function serializePath(pathname: string, params: Record<string, unknown>): string {
  return pathname.replace(/\{([^}]+)\}/g, (_, name: string) => {
    const value = params[name];
    // An empty string is allowed: `stateKey` is often empty (the spec makes the trailing slash optional).
    if (typeof value !== 'string' && typeof value !== 'number') {
      throw new TypeError(`Path parameter ${name} is missing`);
    }
    return encodePathSegment(String(value));
  });
}
