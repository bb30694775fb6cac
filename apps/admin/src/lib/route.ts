/** The app's pages, addressed by the URL hash (no router dependency). */
export type Route =
  | { page: 'overview' }
  | { page: 'users' }
  | { page: 'rooms' }
  | { page: 'room'; roomId: string }
  | { page: 'event'; eventId: string }
  | { page: 'tokens' };

export function parseRoute(hash: string): Route {
  const parts = hash.replace(/^#\/?/, '').split('/');
  const [head, arg] = [parts[0] ?? '', parts.slice(1).join('/')];
  const decoded = safeDecode(arg);
  switch (head) {
    case 'users':
      return { page: 'users' };
    case 'rooms':
      return decoded ? { page: 'room', roomId: decoded } : { page: 'rooms' };
    case 'events':
      return decoded ? { page: 'event', eventId: decoded } : { page: 'overview' };
    case 'tokens':
      return { page: 'tokens' };
    default:
      return { page: 'overview' };
  }
}

export function hrefOf(route: Route): string {
  switch (route.page) {
    case 'room':
      return `#/rooms/${encodeURIComponent(route.roomId)}`;
    case 'event':
      return `#/events/${encodeURIComponent(route.eventId)}`;
    default:
      return `#/${route.page}`;
  }
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}
