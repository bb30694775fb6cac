import { ErrorNotice } from '../../components/ErrorNotice';
import { Badge, Loading } from '../../components/Status';
import { useApp } from '../../lib/app-context';
import { formatTime } from '../../lib/format';
import { useLoad } from '../../lib/hooks';
import { hrefOf } from '../../lib/route';
import { LiveTimeline } from './LiveTimeline';
import { PowerLevels } from './PowerLevels';
import { RoomMembers } from './RoomMembers';
import { SendMessageForm } from './SendMessageForm';

/** One room: its facts, members, power levels, a message composer and the live timeline. */
export function RoomPage({ roomId }: { roomId: string }) {
  const { gateway } = useApp();
  const room = useLoad(() => gateway.rooms.get.query({ roomId }), [gateway, roomId]);
  const members = useLoad(() => gateway.rooms.members.query({ roomId }), [gateway, roomId]);
  const joined = (members.data?.members ?? []).filter((m) => m.membership === 'join').map((m) => m.userId);
  const r = room.data;
  return (
    <section>
      <p className="crumbs">
        <a href={hrefOf({ page: 'rooms' })}>Rooms</a> /
      </p>
      <div className="page-head">
        <h1>{r ? (r.name ?? r.state.name ?? 'Unnamed room') : 'Room'}</h1>
        {r && r.isPublic && <Badge>public</Badge>}
      </div>
      <ErrorNotice error={room.error} onRetry={room.reload} />
      {room.loading && !r ? (
        <Loading />
      ) : r ? (
        <dl className="facts card">
          <dt>Room ID</dt>
          <dd>
            <code className="id-full">{r.roomId}</code>
          </dd>
          <dt>Version</dt>
          <dd>{r.roomVersion}</dd>
          <dt>Creator</dt>
          <dd>
            <code>{r.creator}</code>
          </dd>
          <dt>Created</dt>
          <dd>{formatTime(r.createdAt)}</dd>
          <dt>Joined members</dt>
          <dd>{r.joinedMembers}</dd>
          <dt>Last activity</dt>
          <dd>{formatTime(r.lastActivityTs)}</dd>
          {r.state.topic && (
            <>
              <dt>Topic</dt>
              <dd>{r.state.topic}</dd>
            </>
          )}
          <dt>Aliases</dt>
          <dd>
            {r.aliases.length === 0 ? (
              '—'
            ) : (
              <ul className="aliases">
                {r.aliases.map((alias) => (
                  <li key={alias}>
                    <code>{alias}</code> {alias === r.state.canonicalAlias && <Badge>canonical</Badge>}
                  </li>
                ))}
              </ul>
            )}
          </dd>
          <dt>Join rule</dt>
          <dd>{r.state.joinRule ?? '—'}</dd>
        </dl>
      ) : null}
      <div className="room-grid">
        <div className="room-main">
          <SendMessageForm roomId={roomId} members={joined} />
          <LiveTimeline
            roomId={roomId}
            onStateEvent={() => {
              room.reload();
              members.reload();
            }}
          />
        </div>
        <aside className="room-side">
          <RoomMembers members={members} />
          {r && <PowerLevels powerLevels={r.state.powerLevels} />}
        </aside>
      </div>
    </section>
  );
}
