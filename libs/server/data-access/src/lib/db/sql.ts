/**
 * Queries are written once with PostgreSQL's numbered placeholders ($1, $2 …). SQLite's driver
 * only binds anonymous `?` in order, so for SQLite each `$n` becomes `?` and the parameter list
 * is re-ordered to match (a `$n` used twice is bound twice). Always parameters, never string
 * concatenation of values.
 */
export interface CompiledSql {
  text: string;
  order: number[];
}

const cache = new Map<string, CompiledSql>();

export function compileForSqlite(sql: string): CompiledSql {
  let compiled = cache.get(sql);
  if (!compiled) {
    const order: number[] = [];
    const text = sql.replace(/\$(\d+)/g, (_m, n: string) => {
      order.push(Number(n) - 1);
      return '?';
    });
    compiled = { text, order };
    cache.set(sql, compiled);
  }
  return compiled;
}

export function bindForSqlite(compiled: CompiledSql, params: readonly unknown[]): unknown[] {
  return compiled.order.map((i) => {
    const v = params[i];
    return typeof v === 'boolean' ? (v ? 1 : 0) : v;
  });
}
