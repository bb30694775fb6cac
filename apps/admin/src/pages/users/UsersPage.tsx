import { useState } from 'react';
import { ErrorNotice } from '../../components/ErrorNotice';
import { Pager, useCursorPages } from '../../components/Pager';
import { SearchBox } from '../../components/SearchBox';
import { Empty, Loading } from '../../components/Status';
import { useApp } from '../../lib/app-context';
import { useLoad } from '../../lib/hooks';
import { CreateUserForm } from './CreateUserForm';
import { UserRow } from './UserRow';

const PAGE_SIZE = 25;

/** Users: search, keyset pages, create; each row has its own actions. */
export function UsersPage() {
  const { gateway } = useApp();
  const [search, setSearch] = useState<string | undefined>(undefined);
  const pages = useCursorPages();
  const list = useLoad(
    () => gateway.users.list.query({ search, cursor: pages.cursor, limit: PAGE_SIZE }),
    [gateway, search, pages.cursor],
  );
  const items = list.data?.items ?? [];
  return (
    <section>
      <div className="page-head">
        <h1>Users</h1>
        <SearchBox
          label="Search users"
          placeholder="Search by user ID or name"
          onSearch={(q) => {
            setSearch(q);
            pages.reset();
          }}
        />
      </div>
      <CreateUserForm onCreated={list.reload} />
      <ErrorNotice error={list.error} onRetry={list.reload} />
      {list.loading && !list.data ? (
        <Loading />
      ) : items.length === 0 && !list.error ? (
        <Empty>{search ? `No user matches “${search}”.` : 'No users yet.'}</Empty>
      ) : (
        <table className="table">
          <thead>
            <tr>
              <th>User</th>
              <th>Status</th>
              <th>Created</th>
              <th>Actions</th>
            </tr>
          </thead>
          <tbody>
            {items.map((u) => (
              <UserRow key={u.userId} user={u} onChanged={list.reload} />
            ))}
          </tbody>
        </table>
      )}
      <Pager page={pages.page} nextCursor={list.data?.nextCursor} onNext={pages.next} onPrev={pages.prev} />
    </section>
  );
}
