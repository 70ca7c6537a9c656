/**
 * What the query-plan tests share: every SQL text the code executes, counted (whatever
 * statement object runs it), and each statement's plan as SQLite gives it.
 */
import Database from 'better-sqlite3';

const prepare = Database.prototype.prepare;

/** Count the executions of every SQL text from now on; `stop` puts better-sqlite3 back as it was. */
export function countStatements(): { executions: Map<string, number>; stop(): void } {
  const executions = new Map<string, number>();
  Database.prototype.prepare = function counted(this: Database.Database, source: string) {
    const statement = prepare.call(this, source) as Database.Statement;
    for (const method of ['run', 'get', 'all', 'iterate'] as const) {
      const original = statement[method].bind(statement) as (...args: unknown[]) => unknown;
      (statement as unknown as Record<string, unknown>)[method] = (...args: unknown[]) => {
        executions.set(source, (executions.get(source) ?? 0) + 1);
        return original(...args);
      };
    }
    return statement;
  } as typeof Database.prototype.prepare;
  return { executions, stop: () => void (Database.prototype.prepare = prepare) };
}

/** alias -> table for every `FROM table alias` / `JOIN table alias` in a statement. */
export function aliasesOf(sql: string): Map<string, string> {
  const aliases = new Map<string, string>();
  for (const match of sql.matchAll(/\b(?:FROM|JOIN)\s+(\w+)(?:\s+(?:AS\s+)?(\w+))?/gi)) {
    const [, table, alias] = match;
    if (alias && !/^(WHERE|ON|JOIN|LEFT|INNER|GROUP|ORDER|LIMIT|USING|INDEXED)$/i.test(alias)) aliases.set(alias, table!);
    aliases.set(table!, table!);
  }
  return aliases;
}

/** The steps of a statement's plan (parameters bound to NULL, `@since` to ''). */
export function planOf(db: Database.Database, sql: string): Array<{ detail: string }> {
  const parameters = (sql.match(/\?/g) ?? []).map(() => null);
  const names = [...new Set([...sql.matchAll(/@(\w+)/g)].map((m) => m[1]!))];
  const named = names.length > 0 ? Object.fromEntries(names.map((name) => [name, name === 'since' ? '' : null])) : undefined;
  return db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...(named ? [named] : parameters)) as Array<{ detail: string }>;
}

/** The table a plan step reads start to end (`SCAN x`, `SCAN x USING ... INDEX`), resolved from its alias; undefined for a search. */
export function scannedTable(sql: string, detail: string): string | undefined {
  const scan = /^SCAN (\w+)(?: AS \w+)?(?: USING (?:COVERING )?INDEX \w+)?$/.exec(detail.trim());
  return scan ? (aliasesOf(sql).get(scan[1]!) ?? scan[1]!) : undefined;
}

export const oneLine = (sql: string): string => sql.replace(/\s+/g, ' ').slice(0, 200);
