import { ErrorNotice } from '../../components/ErrorNotice';
import { Empty, Loading } from '../../components/Status';
import { useApp } from '../../lib/app-context';
import { formatTime } from '../../lib/format';
import { useLoad } from '../../lib/hooks';

/** users.devices: each device with when it was last seen and how many live access tokens it has. */
export function UserDevices({ userId }: { userId: string }) {
  const { gateway } = useApp();
  const devices = useLoad(() => gateway.users.devices.query({ userId }), [gateway, userId]);
  if (devices.error) return <ErrorNotice error={devices.error} onRetry={devices.reload} />;
  if (devices.loading && !devices.data) return <Loading label="Loading devices…" />;
  const list = devices.data?.devices ?? [];
  if (list.length === 0) return <Empty>No devices: this user has never signed in.</Empty>;
  return (
    <table className="table table-inner" aria-label={`Devices of ${userId}`}>
      <thead>
        <tr>
          <th>Device</th>
          <th>Name</th>
          <th>Created</th>
          <th>Last seen</th>
          <th>Access tokens</th>
        </tr>
      </thead>
      <tbody>
        {list.map((d) => (
          <tr key={d.deviceId}>
            <td data-label="Device">
              <code>{d.deviceId}</code>
            </td>
            <td data-label="Name">{d.displayName ?? <span className="muted">—</span>}</td>
            <td data-label="Created">{formatTime(d.createdAt)}</td>
            <td data-label="Last seen">{formatTime(d.lastSeenTs)}</td>
            <td data-label="Access tokens">{d.tokenCount}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
