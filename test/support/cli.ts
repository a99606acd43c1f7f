import { spawn } from "node:child_process";
import { cpSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { inject } from "vitest";
import { createTestDatabase } from "./database.ts";

export const VARDNAV_BIN = fileURLToPath(new URL("../../bin/vardnav", import.meta.url));

export interface CliResult {
  status: number;
  stdout: string;
  stderr: string;
}

/** Runs the real `vardnav` executable as a user would, in its own process. */
export function runVardnav(
  args: string[],
  options: { env?: Record<string, string | undefined>; input?: string; cwd?: string } = {},
): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const env: Record<string, string> = {};
    for (const [k, v] of Object.entries({ ...process.env, ...options.env })) if (v !== undefined) env[k] = v;
    const child = spawn(VARDNAV_BIN, args, { env, cwd: options.cwd });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d) => {
      stdout += d;
    });
    child.stderr.on("data", (d) => {
      stderr += d;
    });
    child.on("error", reject);
    child.on("close", (code) => resolve({ status: code ?? -1, stdout, stderr }));
    child.stdin.end(options.input ?? "");
  });
}

export interface CliDatabase {
  kind: "pglite" | "postgres";
  /** DATABASE_URL and VARDNAV_DATA_DIR for `vardnav` runs against this database. */
  env: { DATABASE_URL: string | undefined; VARDNAV_DATA_DIR: string };
  close(): Promise<void>;
}

/**
 * A database of its own for a test file's `vardnav` runs: a PostgreSQL clone when the run has one, else
 * an embedded data folder under `work` copied from the migrated template (global-setup.ts), so the first
 * command does not run initdb and every migration.
 */
export async function createCliDatabase(work: string): Promise<CliDatabase> {
  const dataDir = join(work, "data");
  const template = inject("pgliteTemplateDataDir");
  if (template) {
    cpSync(template, dataDir, { recursive: true });
    return {
      kind: "pglite",
      env: { DATABASE_URL: undefined, VARDNAV_DATA_DIR: dataDir },
      close: async () => {},
    };
  }
  const database = await createTestDatabase();
  return {
    kind: database.kind,
    env: { DATABASE_URL: database.url ?? undefined, VARDNAV_DATA_DIR: dataDir },
    close: () => database.close(),
  };
}
