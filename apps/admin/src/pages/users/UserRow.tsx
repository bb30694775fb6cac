import { useState } from 'react';
import { Avatar } from '../../components/Avatar';
import { ConfirmButton } from '../../components/ConfirmButton';
import { ErrorNotice } from '../../components/ErrorNotice';
import { Badge } from '../../components/Status';
import type { UserSummary } from '../../lib/api-types';
import { useApp } from '../../lib/app-context';
import { formatTime } from '../../lib/format';
import { useAction } from '../../lib/hooks';
import { ResetPasswordForm } from './ResetPasswordForm';
import { UserDevices } from './UserDevices';

type Panel = 'none' | 'devices' | 'password';

/** One user: flags, and the admin actions (admin on/off, reset password, devices, deactivate). */
export function UserRow({ user, onChanged }: { user: UserSummary; onChanged(): void }) {
  const { gateway, session } = useApp();
  const [panel, setPanel] = useState<Panel>('none');
  const [note, setNote] = useState<string | null>(null);
  const act = useAction(async (run: () => Promise<unknown>, done: string) => {
    await run();
    setNote(done);
    onChanged();
  });
  const toggle = (p: Panel) => setPanel((cur) => (cur === p ? 'none' : p));
  const self = user.userId === session.userId;
  return (
    <>
      <tr data-user={user.userId}>
        <td data-label="User">
          <code className="id">{user.userId}</code>
          {(user.displayname || user.avatarUrl) && (
            <div className="muted">
              <Avatar userId={user.userId} displayname={user.displayname} avatarUrl={user.avatarUrl} />
            </div>
          )}
        </td>
        <td data-label="Status">
          {user.isAdmin && <Badge tone="info">admin</Badge>} {user.deactivated ? <Badge tone="bad">deactivated</Badge> : <Badge tone="good">active</Badge>}{' '}
          {user.locked && <Badge tone="warn">locked</Badge>}
        </td>
        <td data-label="Created">{formatTime(user.createdAt)}</td>
        <td data-label="Actions" className="actions">
          <button type="button" className="btn btn-small" onClick={() => toggle('devices')} aria-expanded={panel === 'devices'}>
            Devices
          </button>
          {!user.deactivated && (
            <>
              <button
                type="button"
                className="btn btn-small"
                disabled={act.busy || (self && user.isAdmin)}
                title={self && user.isAdmin ? 'You cannot remove your own admin right here' : undefined}
                onClick={() => void act.run(() => gateway.users.setAdmin.mutate({ userId: user.userId, admin: !user.isAdmin }), user.isAdmin ? 'Admin removed' : 'Made admin')}
              >
                {user.isAdmin ? 'Remove admin' : 'Make admin'}
              </button>
              <button type="button" className="btn btn-small" onClick={() => toggle('password')} aria-expanded={panel === 'password'}>
                Reset password
              </button>
              <ConfirmButton question={`Deactivate ${user.userId}? This signs out every device.`} confirmLabel="Deactivate" disabled={act.busy || self} onConfirm={() => void act.run(() => gateway.users.deactivate.mutate({ userId: user.userId }), 'Deactivated')}>
                Deactivate
              </ConfirmButton>
            </>
          )}
          {note && (
            <span className="ok" role="status">
              {note}
            </span>
          )}
        </td>
      </tr>
      {(panel !== 'none' || act.error) && (
        <tr className="detail-row">
          <td colSpan={4}>
            <ErrorNotice error={act.error} />
            {panel === 'devices' && <UserDevices userId={user.userId} />}
            {panel === 'password' && <ResetPasswordForm userId={user.userId} onDone={() => setPanel('none')} />}
          </td>
        </tr>
      )}
    </>
  );
}
