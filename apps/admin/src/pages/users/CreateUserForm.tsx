import { useState, type FormEvent } from 'react';
import { ErrorNotice } from '../../components/ErrorNotice';
import { useApp } from '../../lib/app-context';
import { useAction } from '../../lib/hooks';

/** users.create: a local user with a password, optionally a server admin. */
export function CreateUserForm({ onCreated }: { onCreated(): void }) {
  const { gateway } = useApp();
  const [localpart, setLocalpart] = useState('');
  const [password, setPassword] = useState('');
  const [displayname, setDisplayname] = useState('');
  const [admin, setAdmin] = useState(false);
  const [created, setCreated] = useState<string | null>(null);
  const create = useAction((input: { localpart: string; password: string; admin: boolean; displayname?: string }) => gateway.users.create.mutate(input));

  async function submit(e: FormEvent) {
    e.preventDefault();
    setCreated(null);
    const res = await create.run({ localpart: localpart.trim(), password, admin, ...(displayname.trim() ? { displayname: displayname.trim() } : {}) });
    if (!res) return;
    setCreated(res.userId);
    setLocalpart('');
    setPassword('');
    setDisplayname('');
    setAdmin(false);
    onCreated();
  }

  return (
    <details className="card form-card">
      <summary>Create a user</summary>
      <form className="form-grid" onSubmit={(e) => void submit(e)} aria-label="Create a user">
        <label>
          Username
          <input name="localpart" required placeholder="alice" value={localpart} onChange={(e) => setLocalpart(e.target.value)} />
        </label>
        <label>
          Password
          <input name="password" type="password" required autoComplete="new-password" value={password} onChange={(e) => setPassword(e.target.value)} />
        </label>
        <label>
          Display name
          <input name="displayname" placeholder="optional" value={displayname} onChange={(e) => setDisplayname(e.target.value)} />
        </label>
        <label className="check">
          <input type="checkbox" name="admin" checked={admin} onChange={(e) => setAdmin(e.target.checked)} />
          Server admin
        </label>
        <div className="form-actions">
          <button type="submit" className="btn btn-primary" disabled={create.busy}>
            {create.busy ? 'Creating…' : 'Create user'}
          </button>
          {created && (
            <span className="ok" role="status">
              Created <code>{created}</code>
            </span>
          )}
        </div>
      </form>
      <ErrorNotice error={create.error} />
    </details>
  );
}
