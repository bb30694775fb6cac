import { useState, type FormEvent } from 'react';
import { ErrorNotice } from '../../components/ErrorNotice';
import { useApp } from '../../lib/app-context';
import { useAction } from '../../lib/hooks';

/** users.resetPassword; by default every session of the user is signed out too. */
export function ResetPasswordForm({ userId, onDone }: { userId: string; onDone(): void }) {
  const { gateway } = useApp();
  const [password, setPassword] = useState('');
  const [logoutDevices, setLogoutDevices] = useState(true);
  const [done, setDone] = useState(false);
  const reset = useAction(() => gateway.users.resetPassword.mutate({ userId, password, logoutDevices }));

  async function submit(e: FormEvent) {
    e.preventDefault();
    if ((await reset.run()) !== undefined) {
      setDone(true);
      setPassword('');
      setTimeout(onDone, 1500);
    }
  }

  return (
    <form className="inline-form" onSubmit={(e) => void submit(e)} aria-label={`Reset the password of ${userId}`}>
      <label>
        New password for <code>{userId}</code>
        <input type="password" required autoComplete="new-password" value={password} onChange={(e) => setPassword(e.target.value)} />
      </label>
      <label className="check">
        <input type="checkbox" checked={logoutDevices} onChange={(e) => setLogoutDevices(e.target.checked)} />
        Sign out every device
      </label>
      <button type="submit" className="btn btn-primary btn-small" disabled={reset.busy}>
        Set password
      </button>
      {done && (
        <span className="ok" role="status">
          Password changed
        </span>
      )}
      <ErrorNotice error={reset.error} />
    </form>
  );
}
