import { type Kysely, sql } from "kysely";

/**
 * Splits a DDL script into single statements. PGlite's query path uses the extended protocol, which takes
 * one statement at a time, so migrations run their scripts statement by statement on both databases.
 * Understands single-quoted strings, double-quoted identifiers, `--` comments and dollar-quoted bodies.
 */
export function splitSqlStatements(script: string): string[] {
  const statements: string[] = [];
  let current = "";
  let i = 0;
  while (i < script.length) {
    const ch = script[i] as string;
    const rest = script.slice(i);
    if (ch === "-" && script[i + 1] === "-") {
      const end = script.indexOf("\n", i);
      i = end === -1 ? script.length : end;
      continue;
    }
    if (ch === "'" || ch === '"') {
      const close = script.indexOf(ch, i + 1);
      const end = close === -1 ? script.length : close + 1;
      current += script.slice(i, end);
      i = end;
      continue;
    }
    const dollar = /^\$[A-Za-z_]*\$/.exec(rest);
    if (dollar) {
      const tag = dollar[0];
      const close = script.indexOf(tag, i + tag.length);
      const end = close === -1 ? script.length : close + tag.length;
      current += script.slice(i, end);
      i = end;
      continue;
    }
    if (ch === ";") {
      if (current.trim() !== "") statements.push(current.trim());
      current = "";
      i += 1;
      continue;
    }
    current += ch;
    i += 1;
  }
  if (current.trim() !== "") statements.push(current.trim());
  return statements;
}

export async function executeSqlScript(db: Kysely<unknown>, script: string): Promise<void> {
  for (const statement of splitSqlStatements(script)) {
    await sql.raw(statement).execute(db);
  }
}
