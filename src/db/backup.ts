import { copyFileSync, existsSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { AppError } from "../errors.ts";
import type { DatabaseHandle } from "./connect.ts";
import { acquireDataDirLock } from "./data-dir-lock.ts";

// Backups of the embedded (PGlite) database: its whole data folder as one gzipped tar. The access log's
// chain head goes beside it (`FILE.audit-head.json`), so a restored database is verified against the head
// of the same moment. PostgreSQL is backed up with its own tools (docs/OPERATIONS.md).

export function headFileOfBackup(file: string): string {
  return `${file}.audit-head.json`;
}

export async function writeBackup(
  database: DatabaseHandle,
  file: string,
  auditHeadFile: string | undefined,
): Promise<{ bytes: number }> {
  if (!database.dumpDataDir) {
    throw new AppError(
      "bad_request",
      "vardnav backup is for the embedded database; back PostgreSQL up with pg_basebackup or pg_dump (docs/OPERATIONS.md).",
    );
  }
  const blob = await database.dumpDataDir();
  const bytes = Buffer.from(await blob.arrayBuffer());
  writeFileSync(file, bytes, { mode: 0o600 });
  if (auditHeadFile && existsSync(auditHeadFile)) copyFileSync(auditHeadFile, headFileOfBackup(file));
  return { bytes: bytes.length };
}

/**
 * Restores a backup into the data folder. Refuses while another process holds the folder (the data-folder
 * lock); a database already there is kept aside as `pgdata.replaced-<time>`, never deleted.
 */
export async function restoreBackup(
  dataDir: string,
  file: string,
  auditHeadFile: string | undefined,
  now: Date,
): Promise<{ replaced: string | null }> {
  if (!existsSync(file)) throw new AppError("not_found", `No backup file ${file}.`);
  const lock = acquireDataDirLock(dataDir, "restore");
  try {
    const target = join(dataDir, "pgdata");
    let replaced: string | null = null;
    if (existsSync(target)) {
      replaced = `${target}.replaced-${now.toISOString().replaceAll(":", "")}`;
      renameSync(target, replaced);
    }
    const pglite = await PGlite.create(target, { loadDataDir: new Blob([readFileSync(file)]) });
    await pglite.query("select 1");
    await pglite.close();
    const head = headFileOfBackup(file);
    if (auditHeadFile && existsSync(head)) copyFileSync(head, auditHeadFile);
    return { replaced };
  } finally {
    lock.release();
  }
}
