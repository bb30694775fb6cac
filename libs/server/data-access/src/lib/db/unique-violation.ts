/**
 * A unique-index violation, from Prisma (P2002, whatever the driver) or from a raw driver:
 * better-sqlite3's SQLITE_CONSTRAINT_UNIQUE/PRIMARYKEY, or PostgreSQL's SQLSTATE 23505.
 */
export function isUniqueViolation(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code;
  return code === 'P2002' || code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY' || code === '23505';
}
