import { describe, expect, it } from "vitest";
import { shouldFork, workerRole } from "./cluster.ts";
import { loadConfig } from "./config.ts";

// `vardnav serve --workers N` forks only on PostgreSQL; the embedded database is one process's.
describe("--workers", () => {
  it("is ignored with a log line on the embedded database", () => {
    const lines: string[] = [];
    const config = loadConfig({ NODE_ENV: "test" }, { dataDir: "/tmp/vardnav-cluster-test" });
    expect(shouldFork(config, 2, (line) => lines.push(line))).toBe(false);
    expect(lines.join("")).toContain("--workers needs PostgreSQL");
  });

  it("forks on PostgreSQL when more than one worker is asked for", () => {
    const lines: string[] = [];
    const config = loadConfig(
      { NODE_ENV: "test", DATABASE_URL: "postgres://postgres@127.0.0.1:5432/test" },
      { dataDir: "/tmp/vardnav-cluster-test" },
    );
    expect(shouldFork(config, 2, (line) => lines.push(line))).toBe(true);
    expect(shouldFork(config, 1, (line) => lines.push(line))).toBe(false);
    expect(lines).toEqual([]);
    // The test process is no cluster worker.
    expect(workerRole({ VARDNAV_WORKER_ROLE: "follower" })).toBeNull();
  });
});
