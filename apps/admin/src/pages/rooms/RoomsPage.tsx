import { useState } from 'react';
import { ErrorNotice } from '../../components/ErrorNotice';
import { Id } from '../../components/Id';
import { Pager, useCursorPages } from '../../components/Pager';
import { SearchBox } from '../../components/SearchBox';
import { Badge, Empty, Loading } from '../../components/Status';
import { useApp } from '../../lib/app-context';
import { formatAgo, formatTime } from '../../lib/format';
import { useLoad, useNow } from '../../lib/hooks';
import { hrefOf } from '../../lib/route';
import { CreateRoomForm } from './CreateRoomForm';

const PAGE_SIZE = 25;

/** Rooms: search, keyset pages, create; each name opens the room page. */
export function RoomsPage() {
  const { gateway } = useApp();
  const [search, setSearch] = useState<string | undefined>(undefined);
  const pages = useCursorPages();
  const now = useNow(10_000);
  const list = useLoad(() => gateway.rooms.list.query({ search, cursor: pages.cursor, limit: PAGE_SIZE }), [gateway, search, pages.cursor]);
  const items = list.data?.items ?? [];
  return (
    <section>
      <div className="page-head">
        <h1>Rooms</h1>
        <SearchBox
          label="Search rooms"
          placeholder="Search by name or room ID"
          onSearch={(q) => {
            setSearch(q);
            pages.reset();
          }}
        />
      </div>
      <CreateRoomForm />
      <ErrorNotice error={list.error} onRetry={list.reload} />
      {list.loading && !list.data ? (
        <Loading />
      ) : items.length === 0 && !list.error ? (
        <Empty>{search ? `No room matches “${search}”.` : 'No rooms yet.'}</Empty>
      ) : (
        <table className="table">
          <thead>
            <tr>
              <th>Name</th>
              <th>Room ID</th>
              <th>Version</th>
              <th>Members</th>
              <th>Last activity</th>
            </tr>
          </thead>
          <tbody>
            {items.map((r) => (
              <tr key={r.roomId} data-room={r.roomId}>
                <td data-label="Name">
                  <a href={hrefOf({ page: 'room', roomId: r.roomId })}>{r.name ?? <em className="muted">(unnamed)</em>}</a> {r.isPublic && <Badge>public</Badge>}
                </td>
                <td data-label="Room ID">
                  <Id value={r.roomId} keep={14} />
                </td>
                <td data-label="Version">{r.roomVersion}</td>
                <td data-label="Members">{r.joinedMembers}</td>
                <td data-label="Last activity" title={formatTime(r.lastActivityTs)}>
                  {formatAgo(r.lastActivityTs, now)}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <Pager page={pages.page} nextCursor={list.data?.nextCursor} onNext={pages.next} onPrev={pages.prev} />
    </section>
  );
}
