import { useState, type FormEvent } from 'react';
import { ErrorNotice } from '../../components/ErrorNotice';
import type { CreatedServiceToken, ServiceScope } from '../../lib/api-types';
import { useApp } from '../../lib/app-context';
import { useAction } from '../../lib/hooks';

/** The gateway's scopes (tokens.createServiceToken checks the list; the type keeps this one in step). */
export const SCOPES: readonly ServiceScope[] = ['events:send', 'events:read', 'rooms:read', 'rooms:write', 'users:admin', 'tokens:admin', 'stats:read'];

/** tokens.createServiceToken: the secret is in this response only, so it is shown once, here. */
export function CreateTokenForm({ onCreated }: { onCreated(): void }) {
  const { gateway } = useApp();
  const [name, setName] = useState('');
  const [scopes, setScopes] = useState<ServiceScope[]>(['events:send', 'events:read']);
  const [created, setCreated] = useState<CreatedServiceToken | null>(null);
  const [copied, setCopied] = useState(false);
  const create = useAction((input: { name: string; scopes: ServiceScope[] }) => gateway.tokens.createServiceToken.mutate(input));
  const toggle = (s: ServiceScope) => setScopes((cur) => (cur.includes(s) ? cur.filter((x) => x !== s) : [...cur, s]));

  async function submit(e: FormEvent) {
    e.preventDefault();
    const res = await create.run({ name: name.trim(), scopes });
    if (!res) return;
    setCreated(res);
    setCopied(false);
    setName('');
    onCreated();
  }

  async function copy(token: string) {
    try {
      await navigator.clipboard.writeText(token);
      setCopied(true);
    } catch {
      setCopied(false);
    }
  }

  return (
    <div className="card form-card">
      <h2>Create a service token</h2>
      <form className="form-grid" onSubmit={(e) => void submit(e)} aria-label="Create a service token">
        <label>
          Name
          <input name="name" required placeholder="notification-bot" value={name} onChange={(e) => setName(e.target.value)} />
        </label>
        <fieldset className="scopes">
          <legend>Scopes</legend>
          {SCOPES.map((s) => (
            <label key={s} className="check">
              <input type="checkbox" checked={scopes.includes(s)} onChange={() => toggle(s)} />
              <code>{s}</code>
            </label>
          ))}
        </fieldset>
        <div className="form-actions">
          <button type="submit" className="btn btn-primary" disabled={create.busy || scopes.length === 0}>
            Create token
          </button>
        </div>
      </form>
      <ErrorNotice error={create.error} />
      {created && (
        <div className="notice notice-secret" role="status">
          <p>
            <strong>{created.name}</strong>: copy this token now. It is shown only once; the server keeps only its hash.
          </p>
          <code className="secret" data-testid="new-token">
            {created.token}
          </code>
          <div className="notice-actions">
            <button type="button" className="btn btn-small" onClick={() => void copy(created.token)}>
              {copied ? 'Copied' : 'Copy'}
            </button>
            <button type="button" className="btn btn-small" onClick={() => setCreated(null)}>
              I have saved it
            </button>
          </div>
        </div>
      )}
    </div>
  );
}
