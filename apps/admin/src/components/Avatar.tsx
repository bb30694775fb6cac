import { useState } from 'react';
import { avatarImageUrl, avatarInitials } from '../lib/avatar';

/**
 * A user's avatar and display name. The image comes from the media download route for its
 * mxc:// URI; when there is none, or it cannot be loaded (no media route on this server, or
 * the media needs a Matrix access token the admin app does not hold), the initial is shown and
 * the mxc:// URI stays readable as text.
 */
export function Avatar({ userId, displayname, avatarUrl }: { userId: string; displayname: string | null; avatarUrl: string | null }) {
  const [failed, setFailed] = useState(false);
  const src = avatarImageUrl(avatarUrl);
  const label = displayname ?? userId;
  return (
    <span className="avatar-line">
      {src && !failed ? (
        <img className="avatar" src={src} alt={`Avatar of ${label}`} width={24} height={24} loading="lazy" onError={() => setFailed(true)} />
      ) : (
        <span className="avatar avatar-initial" aria-hidden="true">
          {avatarInitials(userId, displayname)}
        </span>
      )}
      {displayname && <span className="displayname">{displayname}</span>}
      {avatarUrl && (!src || failed) && (
        <code className="muted mxc" title="Avatar (mxc:// URI)">
          {avatarUrl}
        </code>
      )}
    </span>
  );
}
