import { type ChildProcess, spawn } from "node:child_process";
import { createServer } from "node:net";
import { fileURLToPath } from "node:url";

// The real server as a child process, for tests and benchmarks that need whole processes (crash recovery,
// several processes on one database, load through HTTP). No test-runner imports: benchmarks use it too.

const VARDNAV = fileURLToPath(new URL("../../bin/vardnav", import.meta.url));

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => resolve(typeof address === "object" && address ? address.port : 0));
    });
  });
}

export interface RunningServer {
  child: ChildProcess;
  port: number;
  base: string;
  exited: Promise<void>;
}

/**
 * `bin/vardnav serve --no-demo` on the database (and `--workers N` when given); resolves once
 * /api/health answers 200.
 */
export async function startVardnavServer(
  databaseUrl: string,
  options: { workers?: number } = {},
): Promise<RunningServer> {
  const port = await freePort();
  const workers = options.workers === undefined ? [] : ["--workers", String(options.workers)];
  const child = spawn(VARDNAV, ["serve", "--no-demo", ...workers], {
    env: {
      ...process.env,
      DATABASE_URL: databaseUrl,
      PORT: String(port),
      HOST: "127.0.0.1",
      LOG_LEVEL: "warn",
      PUBLIC_RATE_LIMIT_PER_MINUTE: "100000",
      VARDNAV_DEMO_LIVE: "false",
    },
    stdio: ["ignore", "ignore", "pipe"],
  });
  let stderr = "";
  child.stderr?.on("data", (chunk) => {
    stderr += String(chunk);
  });
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const base = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 600; i++) {
    if (child.exitCode !== null) throw new Error(`server exited: ${stderr}`);
    try {
      const health = await fetch(`${base}/api/health`);
      if (health.status === 200) return { child, port, base, exited };
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  child.kill("SIGKILL");
  throw new Error(`server did not become healthy: ${stderr}`);
}
