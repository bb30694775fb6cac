/**
 * An append's own refusal (its decision said no, or a unique index did), which fails only that
 * append. A database driver error carries a `code` (a PostgreSQL SQLSTATE, or SQLITE_…): that
 * is an infrastructure failure, and it fails the whole batch.
 */
export function isRefusal(err: unknown): boolean {
  return !(err instanceof Error && 'code' in err);
}
