import { Empty } from '../../components/Status';

type Json = Record<string, unknown>;

const num = (v: unknown): string => (typeof v === 'number' ? String(v) : typeof v === 'string' ? v : '—');
const obj = (v: unknown): Json => (typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Json) : {});

/** The room's m.room.power_levels: per-user levels, per-event levels and the defaults. */
export function PowerLevels({ powerLevels }: { powerLevels: Json | null }) {
  if (!powerLevels) {
    return (
      <div className="card">
        <h2>Power levels</h2>
        <Empty>No m.room.power_levels event: the creator has 100, everyone else 0.</Empty>
      </div>
    );
  }
  const users = Object.entries(obj(powerLevels['users'])).sort(([, a], [, b]) => Number(b) - Number(a));
  const events = Object.entries(obj(powerLevels['events']));
  const defaults = ['users_default', 'events_default', 'state_default', 'invite', 'kick', 'ban', 'redact'];
  return (
    <div className="card">
      <h2>Power levels</h2>
      <table className="kv" aria-label="Users">
        <tbody>
          {users.map(([user, level]) => (
            <tr key={user}>
              <th>
                <code>{user}</code>
              </th>
              <td>{num(level)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <h3>Defaults</h3>
      <table className="kv" aria-label="Defaults">
        <tbody>
          {defaults.map((k) => (
            <tr key={k}>
              <th>{k}</th>
              <td>{num(powerLevels[k])}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {events.length > 0 && (
        <>
          <h3>Events</h3>
          <table className="kv" aria-label="Event levels">
            <tbody>
              {events.map(([type, level]) => (
                <tr key={type}>
                  <th>{type}</th>
                  <td>{num(level)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </div>
  );
}
