import cluster, { type Worker } from "node:cluster";
import type { Config } from "./config.ts";

// `vardnav serve --workers N` (docs/OPERATIONS.md "Several server processes"): a Node cluster on
// PostgreSQL. The primary serves nothing itself; it forks worker 1, the leader, which migrates the
// database, loads the demo on a fresh one and runs the background jobs (outbox dispatcher, deadline sweep,
// audit appender start-up drain), and once the leader listens, N − 1 followers that only serve HTTP. All
// workers share the port (the primary hands out connections round-robin). Live worklists work across
// workers as across separate servers: every change is sent with pg_notify and each worker listens.
// PGlite is one process's embedded database, so there `--workers` is ignored with a log line.

export type WorkerRole = "leader" | "follower";
const ROLE_ENV = "VARDNAV_WORKER_ROLE";

/** This process's role: leader or follower in a cluster, or null when it is a plain single server. */
export function workerRole(env: NodeJS.ProcessEnv = process.env): WorkerRole | null {
  if (cluster.isPrimary) return null;
  const role = env[ROLE_ENV];
  return role === "leader" || role === "follower" ? role : null;
}

/** True when this process should fork workers instead of serving (`--workers` > 1 on PostgreSQL). */
export function shouldFork(config: Config, workers: number, log: (line: string) => void): boolean {
  if (!cluster.isPrimary || workers <= 1) return false;
  if (!config.DATABASE_URL) {
    log("vardnav: --workers needs PostgreSQL (DATABASE_URL); the embedded database serves one process\n");
    return false;
  }
  return true;
}

/**
 * The primary: forks the leader, then the followers once the leader listens; replaces a worker that dies
 * unexpectedly; on SIGTERM/SIGINT asks every worker to finish its requests and exits when all have.
 */
export function runPrimary(workers: number, log: (line: string) => void): Promise<void> {
  let stopping = false;
  const roles = new Map<Worker, WorkerRole>();
  const fork = (role: WorkerRole): Worker => {
    const worker = cluster.fork({ [ROLE_ENV]: role });
    roles.set(worker, role);
    return worker;
  };
  return new Promise<void>((resolve) => {
    const leader = fork("leader");
    leader.once("listening", () => {
      for (let i = 1; i < workers; i++) fork("follower");
    });
    cluster.on("exit", (worker, code, signal) => {
      const role = roles.get(worker) ?? "follower";
      roles.delete(worker);
      if (stopping) {
        if (roles.size === 0) resolve();
        return;
      }
      log(`vardnav: worker ${worker.process.pid} (${role}) exited (${signal ?? code}); starting another\n`);
      setTimeout(() => {
        if (!stopping) fork(role);
      }, 1000).unref();
    });
    for (const signal of ["SIGTERM", "SIGINT"] as const) {
      process.once(signal, () => {
        stopping = true;
        if (roles.size === 0) resolve();
        for (const worker of roles.keys()) worker.process.kill("SIGTERM");
      });
    }
  });
}
