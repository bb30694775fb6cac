import { Empty } from '../components/Status';
import type { EventDetails } from '../lib/api-types';
import { groupAnnotations, groupRelations } from '../lib/annotations';
import { hrefOf } from '../lib/route';

/** The relations pointing at an event (by rel_type) and its annotations grouped by key. */
export function EventRelations({ relations, annotations }: Pick<EventDetails, 'relations' | 'annotations'>) {
  const groups = groupAnnotations(annotations);
  const byType = groupRelations(relations);
  return (
    <div className="two-col">
      <div className="card">
        <h2>Annotations</h2>
        {groups.length === 0 ? (
          <Empty>No annotations (reactions) on this event.</Empty>
        ) : (
          <ul className="chips" aria-label="Annotations">
            {groups.map((g) => (
              <li key={g.key} className="chip" title={g.types.join(', ')} data-key={g.key}>
                <span className="chip-key">{g.key}</span> <span className="chip-count">{g.count}</span>
              </li>
            ))}
          </ul>
        )}
      </div>
      <div className="card">
        <h2>Relations</h2>
        {byType.length === 0 ? (
          <Empty>Nothing relates to this event.</Empty>
        ) : (
          byType.map((g) => (
            <div key={g.relType}>
              <h3>
                <code>{g.relType}</code> ({g.items.length})
              </h3>
              <ul className="relations">
                {g.items.map((r) => (
                  <li key={r.eventId}>
                    <a href={hrefOf({ page: 'event', eventId: r.eventId })}>
                      <code>{r.eventId}</code>
                    </a>{' '}
                    <code className="muted">{r.type}</code> from <code>{r.sender}</code>
                  </li>
                ))}
              </ul>
            </div>
          ))
        )}
      </div>
    </div>
  );
}
