import { Avatar } from '../../components/Avatar';
import { ErrorNotice } from '../../components/ErrorNotice';
import { Badge, Empty, Loading } from '../../components/Status';
import type { RoomMember } from '../../lib/api-types';
import type { Loaded } from '../../lib/hooks';

const TONE: Record<string, 'good' | 'info' | 'warn' | 'bad' | 'neutral'> = { join: 'good', invite: 'info', leave: 'neutral', ban: 'bad', knock: 'warn' };

/** rooms.members: every membership in the room's current state. */
export function RoomMembers({ members }: { members: Loaded<{ members: RoomMember[] }> }) {
  const list = members.data?.members ?? [];
  return (
    <div className="card">
      <h2>Members</h2>
      <ErrorNotice error={members.error} onRetry={members.reload} />
      {members.loading && !members.data ? (
        <Loading />
      ) : list.length === 0 ? (
        <Empty>No members.</Empty>
      ) : (
        <ul className="members">
          {list.map((m) => (
            <li key={m.userId}>
              <code>{m.userId}</code>
              {(m.displayname || m.avatarUrl) && (
                <span className="muted">
                  {' '}
                  <Avatar userId={m.userId} displayname={m.displayname} avatarUrl={m.avatarUrl} />
                </span>
              )}{' '}
              <Badge tone={TONE[m.membership] ?? 'neutral'}>{m.membership}</Badge>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
