import { useState, type FormEvent } from 'react';
import { ErrorNotice } from '../components/ErrorNotice';
import { describeError, type ReadableError } from '../lib/errors';
import { createGateway } from '../lib/gateway';
import { loginWithPassword, type AdminSession } from '../lib/login';

/**
 * Sign in with a Matrix username and password. The token must also open the gateway (only
 * server admins' tokens do), so it is checked with one gateway call before the app opens.
 */
export function SignInPage({ onSignedIn }: { onSignedIn(s: AdminSession): void }) {
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ReadableError | null>(null);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const session = await loginWithPassword(username, password);
      await createGateway(session.accessToken).stats.overview.query();
      onSignedIn(session);
    } catch (err) {
      setError(describeError(err));
      setBusy(false);
    }
  }

  return (
    <main className="signin">
      <form className="card signin-card" onSubmit={(e) => void submit(e)}>
        <h1>
          Courier <span>admin</span>
        </h1>
        <p className="muted">Sign in with a server admin account (<code>create-user … --admin</code>).</p>
        <label>
          Username
          <input name="username" autoComplete="username" required placeholder="admin or @admin:example.org" value={username} onChange={(e) => setUsername(e.target.value)} />
        </label>
        <label>
          Password
          <input name="password" type="password" autoComplete="current-password" required value={password} onChange={(e) => setPassword(e.target.value)} />
        </label>
        <ErrorNotice error={error} />
        <button type="submit" className="btn btn-primary" disabled={busy}>
          {busy ? 'Signing in…' : 'Sign in'}
        </button>
      </form>
    </main>
  );
}
