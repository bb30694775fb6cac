/** An mxc:// URI's parts (spec: Matrix content URIs); undefined for anything else. */
export function parseMxc(uri: string | null | undefined): { serverName: string; mediaId: string } | undefined {
  const m = /^mxc:\/\/([A-Za-z0-9.:[\]-]+)\/([A-Za-z0-9_-]+)$/.exec(uri ?? '');
  return m ? { serverName: m[1] as string, mediaId: m[2] as string } : undefined;
}

/**
 * Where the image of an mxc:// avatar is served: the authenticated media download route
 * (`/_matrix/client/v1/media/download/{serverName}/{mediaId}`, content-repo). Undefined when the
 * URI is not an mxc:// one, so nothing else is ever put in an <img src>.
 */
export function avatarImageUrl(uri: string | null | undefined): string | undefined {
  const mxc = parseMxc(uri);
  return mxc ? `/_matrix/client/v1/media/download/${encodeURIComponent(mxc.serverName)}/${encodeURIComponent(mxc.mediaId)}` : undefined;
}

/** One or two letters for a user without a loadable avatar: the display name's, else the localpart's. */
export function avatarInitials(userId: string, displayname: string | null | undefined): string {
  const source = (displayname ?? '').trim() || userId.replace(/^@/, '').split(':')[0] || '?';
  return [...source][0]?.toUpperCase() ?? '?';
}
