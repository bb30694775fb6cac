import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

/**
 * A guard, not a proof: SQL in data-access is written with `$n` placeholders and the values
 * go as parameters (db/sql.ts). A template literal that is SQL and interpolates something
 * could splice a value into the text, so each interpolation must be a name known to hold a SQL
 * fragment, never a value. A new one fails here until someone checks it and lists it below.
 * Prisma's *Unsafe raw calls are banned outright.
 */
const SRC = fileURLToPath(new URL('../src', import.meta.url));
const SQL_FRAGMENTS: Record<string, string> = {
  EVENT_COLUMNS: 'a constant column list',
  inList: 'the $n placeholder list inList() makes',
  // admin/admin-sql.ts composes its queries from literals written in that file:
  name: 'roomNameExpr(): one constant SQL expression per dialect',
  lastActivity: 'lastActivityExpr(): one constant SQL subquery per dialect',
  where: 'rooms()/users(): only ever called with literal WHERE fragments of $n placeholders',
  // profiles/sql-profile-store.ts searchSql():
  seeks: 'WORD_SEEK (a literal) once per search word, with $n placeholders only',
  VISIBLE: 'a constant visibility condition written in that file',
  limitAt: 'the $n placeholder of the limit',
  // reading/relations-sql.ts and reading/sql-search-reader.ts:
  THREAD_COLUMNS: 'a constant column list',
  direction: "ORDER[dir]: the literal 'ASC' or 'DESC'",
  match: 'DIALECTS[kind].match: a constant full-text predicate on $1',
  roomColumn: 'DIALECTS[kind].roomColumn: a constant column name',
  keyColumn: 'DIALECTS[kind].keyColumn: a constant column name',
  table: 'DIALECTS[kind].table: a constant table expression',
  joined: 'DIALECTS[kind].joined: a constant join of literals',
  rank: 'DIALECTS[kind].rank: a constant rank expression on $1',
  position: 'DIALECTS[kind].position: a constant column name',
  order: 'searchStatement(): ORDER BY/LIMIT of literals and $n placeholders',
};
const SQL_WORDS = /\b(SELECT|INSERT\s+INTO|UPDATE\s+\w+\s+SET|DELETE\s+FROM|WHERE|CREATE\s+TABLE|DROP|ALTER\s+TABLE)\b/;
const TEMPLATE = /`(?:[^`\\]|\\.)*`/gs;
const INTERPOLATION = /\$\{([^}]*)\}/g;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return e.name === 'generated' ? [] : sourceFiles(path);
    return e.name.endsWith('.ts') && !e.name.endsWith('.spec.ts') ? [path] : [];
  });
}

/** Every problem in one source text: `file: what`. */
function sqlInjectionRisks(file: string, text: string): string[] {
  const risks: string[] = [];
  if (/\$(queryRaw|executeRaw)Unsafe\b/.test(text)) risks.push(`${file}: uses a Prisma *Unsafe raw query`);
  for (const template of text.match(TEMPLATE) ?? []) {
    if (!SQL_WORDS.test(template)) continue;
    for (const [, expr] of template.matchAll(INTERPOLATION)) {
      if (!Object.hasOwn(SQL_FRAGMENTS, (expr ?? '').trim())) risks.push(`${file}: SQL template interpolates \${${expr}}`);
    }
  }
  return risks;
}

describe('data-access SQL is parameterised', () => {
  it('no SQL template literal interpolates anything but known SQL fragments; no *Unsafe raw calls', () => {
    const files = sourceFiles(SRC);
    expect(files.length).toBeGreaterThan(10);
    const risks = files.flatMap((f) => sqlInjectionRisks(relative(SRC, f), readFileSync(f, 'utf8')));
    expect(risks).toEqual([]);
  });

  it('the guard itself catches what it is for', () => {
    expect(sqlInjectionRisks('x.ts', 'db.query(`SELECT * FROM users WHERE name = \'${userName}\'`)')).toHaveLength(1);
    expect(sqlInjectionRisks('x.ts', 'prisma.$queryRawUnsafe(q)')).toHaveLength(1);
    expect(sqlInjectionRisks('x.ts', 'const q = `DELETE FROM t WHERE id IN (${ids.join(",")})`')).toHaveLength(1);
    expect(sqlInjectionRisks('x.ts', 'const q = `SELECT ${EVENT_COLUMNS} FROM events e WHERE e.event_id IN (${inList})`')).toEqual([]);
    expect(sqlInjectionRisks('x.ts', 'throw new Error(`Migration ${m.name} was edited`)')).toEqual([]);
  });
});
