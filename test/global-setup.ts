import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { PGlite } from "@electric-sql/pglite";
import pg from "pg";
import type { TestProject } from "vitest/node";
import { kyselyForPGlite, kyselyForPostgres, pgliteParsers } from "../src/db/connect.ts";
import { migrateToLatest } from "../src/db/migrate.ts";

declare module "vitest" {
  export interface ProvidedContext {
    pgliteTemplatePath: string;
    /** A migrated embedded data folder (VARDNAV_DATA_DIR layout) that CLI tests copy; "" on PostgreSQL. */
    pgliteTemplateDataDir: string;
    postgresTemplate: { url: string; database: string } | null;
  }
}

const TEMPLATE_DIR = join(import.meta.dirname, "..", ".vardnav-test");

/**
 * Migrates one database per run and hands it to every test file as a template: PGlite files load a
 * dumped data folder, PostgreSQL files CREATE DATABASE … TEMPLATE. A fresh database per file costs
 * well under a second instead of a full migration.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const databaseUrl = process.env.DATABASE_URL;
  if (databaseUrl) {
    const database = `vardnav_tpl_${process.pid}_${Date.now()}`;
    const admin = new pg.Client({ connectionString: databaseUrl });
    await admin.connect();
    await admin.query(`create database ${database}`);
    const url = new URL(databaseUrl);
    url.pathname = `/${database}`;
    const db = kyselyForPostgres(url.toString(), 1);
    await migrateToLatest(db as never);
    await db.destroy();
    project.provide("postgresTemplate", { url: databaseUrl, database });
    project.provide("pgliteTemplatePath", "");
    project.provide("pgliteTemplateDataDir", "");
    return async () => {
      // Clones are dropped by their test files; the prefix sweep catches files that crashed.
      const { rows } = await admin.query<{ datname: string }>(
        "select datname from pg_database where datname like $1 or datname = $2",
        [`vardnav_t_${process.pid}_%`, database],
      );
      for (const row of rows) await admin.query(`drop database if exists ${row.datname} with (force)`);
      await admin.end();
    };
  }
  const pglite = await PGlite.create({ parsers: pgliteParsers() });
  const db = kyselyForPGlite(pglite);
  await migrateToLatest(db as never);
  const dump = await pglite.dumpDataDir("gzip");
  await db.destroy();
  mkdirSync(TEMPLATE_DIR, { recursive: true });
  const path = join(TEMPLATE_DIR, `template-${process.pid}.tar.gz`);
  writeFileSync(path, Buffer.from(await dump.arrayBuffer()));
  // The same database as a data folder on disk: each `vardnav` process a CLI test starts would otherwise
  // run initdb and every migration on its first command (about 9 s per test file).
  const dataDir = join(TEMPLATE_DIR, `data-${process.pid}`);
  mkdirSync(dataDir, { recursive: true });
  const onDisk = await PGlite.create(join(dataDir, "pgdata"), { loadDataDir: dump });
  await onDisk.close();
  project.provide("pgliteTemplatePath", path);
  project.provide("pgliteTemplateDataDir", dataDir);
  project.provide("postgresTemplate", null);
  return async () => {
    rmSync(path, { force: true });
    rmSync(dataDir, { recursive: true, force: true });
  };
}
