import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import { PGlite } from "@electric-sql/pglite";
import type { Kysely } from "kysely";
import pg from "pg";
import { inject } from "vitest";
import { kyselyForPGlite, kyselyForPostgres, pgliteParsers } from "../../src/db/connect.ts";
import type { Database } from "../../src/db/schema.ts";

export interface TestDatabase {
  db: Kysely<Database>;
  kind: "pglite" | "postgres";
  /** The connection string of a PostgreSQL test database (for spawned CLI processes); null on PGlite. */
  url: string | null;
  close(): Promise<void>;
}

/**
 * A fresh, migrated database for one test file: PostgreSQL when the run has DATABASE_URL, else an
 * in-memory PGlite loaded from the template the global setup dumped.
 */
export async function createTestDatabase(): Promise<TestDatabase> {
  const template = inject("postgresTemplate");
  if (template) {
    const name = `vardnav_t_${process.ppid}_${randomBytes(6).toString("hex")}`;
    const admin = new pg.Client({ connectionString: template.url });
    await admin.connect();
    // Vitest's global setup runs in the parent process, whose pid names the clones (see global-setup.ts).
    await admin.query(`create database ${name} template ${template.database}`);
    await admin.end();
    const url = new URL(template.url);
    url.pathname = `/${name}`;
    const db = kyselyForPostgres(url.toString(), 10);
    return {
      db,
      kind: "postgres",
      url: url.toString(),
      async close() {
        await db.destroy();
        const dropper = new pg.Client({ connectionString: template.url });
        await dropper.connect();
        await dropper.query(`drop database if exists ${name} with (force)`);
        await dropper.end();
      },
    };
  }
  const path = inject("pgliteTemplatePath");
  const pglite = await PGlite.create({
    loadDataDir: new Blob([readFileSync(path)]),
    parsers: pgliteParsers(),
  });
  const db = kyselyForPGlite(pglite);
  return {
    db,
    kind: "pglite",
    url: null,
    async close() {
      await db.destroy();
    },
  };
}
