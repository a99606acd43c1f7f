import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { AppError } from "../errors.ts";

const LOCK_FILE = "vardnav.lock";

export interface DataDirLock {
  release(): void;
}

function processIsAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM means the process exists but belongs to someone else: still alive.
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/**
 * Only one process may own a PGlite data folder: two WASM PostgreSQL instances writing the same files
 * corrupt them. The lock is a file created exclusively (O_EXCL) holding the owner's pid; a lock left by a
 * process that no longer runs (after a crash or SIGKILL) is taken over.
 */
export function acquireDataDirLock(dataDir: string, purpose: string): DataDirLock {
  mkdirSync(dataDir, { recursive: true });
  const path = join(dataDir, LOCK_FILE);
  const content = JSON.stringify({ pid: process.pid, purpose, since: new Date().toISOString() });
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      writeFileSync(path, content, { flag: "wx" });
      let released = false;
      return {
        release() {
          if (released) return;
          released = true;
          rmSync(path, { force: true });
        },
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      let owner: { pid?: number; purpose?: string; since?: string } = {};
      try {
        owner = JSON.parse(readFileSync(path, "utf8"));
      } catch {
        // A half-written lock file: its writer died mid-write, so nobody owns the folder.
      }
      if (typeof owner.pid === "number" && owner.pid !== process.pid && processIsAlive(owner.pid)) {
        throw new AppError(
          "data_dir_locked",
          `The data folder ${dataDir} is in use by another Vårdnav process (pid ${owner.pid}, ${owner.purpose ?? "unknown"} since ${owner.since ?? "unknown"}). ` +
            "Only one process may use an embedded database at a time: stop that process, or run this command through its HTTP API, or use DATABASE_URL with a PostgreSQL server.",
          { pid: owner.pid },
        );
      }
      rmSync(path, { force: true });
    }
  }
  throw new AppError("data_dir_locked", `Could not lock the data folder ${dataDir}.`);
}
