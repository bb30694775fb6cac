/**
 * Placeholders for `IN (…)` over `values`, numbered from `first`. The list is padded to a
 * power of two by repeating the last value (which changes no IN result), so a handful of SQL
 * texts serve every list length and the SQLite statement cache stays small.
 */
export function inList<T extends string | number>(values: readonly T[], first: number): { sql: string; params: T[] } {
  const last = values[values.length - 1];
  if (last === undefined) throw new Error('inList needs at least one value');
  let size = 1;
  while (size < values.length) size *= 2;
  const params = [...values];
  while (params.length < size) params.push(last);
  return { sql: params.map((_, i) => `$${first + i}`).join(', '), params };
}
