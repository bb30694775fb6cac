/** Plain Matrix REST calls the test makes as a client would (not through the admin app). */
export function createRest(baseUrl: string) {
  async function call<T = Record<string, unknown>>(method: string, path: string, token: string | null, body?: unknown): Promise<{ status: number; body: T }> {
    const res = await fetch(`${baseUrl}${path}`, {
      method,
      headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), 'content-type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    return { status: res.status, body: (await res.json()) as T };
  }
  let n = 0;
  return {
    call,
    async login(user: string, password: string): Promise<string> {
      const res = await call<{ access_token: string }>('POST', '/_matrix/client/v3/login', null, { type: 'm.login.password', identifier: { type: 'm.id.user', user }, password });
      if (res.status !== 200) throw new Error(`login ${user}: ${res.status} ${JSON.stringify(res.body)}`);
      return res.body.access_token;
    },
    async send(token: string, roomId: string, type: string, content: Record<string, unknown>): Promise<string> {
      const path = `/_matrix/client/v3/rooms/${encodeURIComponent(roomId)}/send/${encodeURIComponent(type)}/e2e-${Date.now()}-${n++}`;
      const res = await call<{ event_id: string }>('PUT', path, token, content);
      if (res.status !== 200) throw new Error(`send ${type}: ${res.status} ${JSON.stringify(res.body)}`);
      return res.body.event_id;
    },
    /** `user` joins `roomId` on an invite from the holder of `inviterToken`. */
    async inviteAndJoin(inviterToken: string, roomId: string, user: { userId: string; accessToken: string }): Promise<void> {
      const room = encodeURIComponent(roomId);
      const invited = await call('POST', `/_matrix/client/v3/rooms/${room}/invite`, inviterToken, { user_id: user.userId });
      const joined = await call('POST', `/_matrix/client/v3/rooms/${room}/join`, user.accessToken, {});
      if (invited.status !== 200 || joined.status !== 200) throw new Error(`invite/join: ${invited.status}/${joined.status}`);
    },
    /** An m.reaction (an m.annotation relation) with `key` on `eventId`. */
    annotate(token: string, roomId: string, eventId: string, key: string): Promise<string> {
      return this.send(token, roomId, 'm.reaction', { 'm.relates_to': { rel_type: 'm.annotation', event_id: eventId, key } });
    },
    /** A tRPC query with a bearer token: how a service calls the gateway. */
    async gatewayQuery(token: string, path: string, input: unknown): Promise<{ status: number; body: { error?: { data?: { errcode?: string } } } }> {
      return call('GET', `/_courier/trpc/${path}?input=${encodeURIComponent(JSON.stringify(input))}`, token);
    },
  };
}
