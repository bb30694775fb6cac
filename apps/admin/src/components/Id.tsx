import { shortId } from '../lib/format';

/** A long Matrix ID, shortened for tables, with the full value on hover and for copy. */
export function Id({ value, keep }: { value: string; keep?: number }) {
  return (
    <code className="id" title={value}>
      {shortId(value, keep)}
    </code>
  );
}
