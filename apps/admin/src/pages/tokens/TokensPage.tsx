import { ConfirmButton } from '../../components/ConfirmButton';
import { ErrorNotice } from '../../components/ErrorNotice';
import { Badge, Empty, Loading } from '../../components/Status';
import { useApp } from '../../lib/app-context';
import { formatTime } from '../../lib/format';
import { useAction, useLoad } from '../../lib/hooks';
import { CreateTokenForm } from './CreateTokenForm';

/** Service tokens for internal services: create (the secret is shown once), list, revoke. */
export function TokensPage() {
  const { gateway } = useApp();
  const list = useLoad(() => gateway.tokens.listServiceTokens.query(), [gateway]);
  const revoke = useAction(async (id: string) => {
    await gateway.tokens.revokeServiceToken.mutate({ id });
    list.reload();
  });
  const tokens = list.data?.tokens ?? [];
  return (
    <section>
      <h1>Service tokens</h1>
      <p className="muted">Bots, bridges and jobs call the gateway with these, each limited to its scopes.</p>
      <CreateTokenForm onCreated={list.reload} />
      <ErrorNotice error={list.error} onRetry={list.reload} />
      <ErrorNotice error={revoke.error} />
      {list.loading && !list.data ? (
        <Loading />
      ) : tokens.length === 0 && !list.error ? (
        <Empty>No service tokens yet.</Empty>
      ) : (
        <table className="table">
          <thead>
            <tr>
              <th>Name</th>
              <th>Scopes</th>
              <th>Created</th>
              <th>Status</th>
              <th>Actions</th>
            </tr>
          </thead>
          <tbody>
            {tokens.map((t) => (
              <tr key={t.id} data-token={t.name}>
                <td data-label="Name">
                  <strong>{t.name}</strong>
                  <div>
                    <code className="muted">{t.id}</code>
                  </div>
                </td>
                <td data-label="Scopes">
                  {t.scopes.map((s) => (
                    <Badge key={s}>{s}</Badge>
                  ))}
                </td>
                <td data-label="Created">{formatTime(t.createdAt)}</td>
                <td data-label="Status">{t.revokedAt === null ? <Badge tone="good">active</Badge> : <Badge tone="bad">revoked {formatTime(t.revokedAt)}</Badge>}</td>
                <td data-label="Actions">
                  {t.revokedAt === null && (
                    <ConfirmButton question={`Revoke ${t.name}? Services using it stop at once.`} confirmLabel="Revoke" disabled={revoke.busy} onConfirm={() => void revoke.run(t.id)}>
                      Revoke
                    </ConfirmButton>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
