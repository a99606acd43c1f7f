import { randomBytes } from "node:crypto";
import { parentPort } from "node:worker_threads";
import { argon2id, argon2Verify } from "hash-wasm";

// The argon2id work of password.ts, in a worker thread: one hash or verification keeps a core busy for
// tens of milliseconds (19 MiB, 2 passes), which on the main thread would stall every other request.

export interface PasswordTask {
  id: number;
  op: "hash" | "verify";
  password: string;
  /** verify: the encoded hash to check against. */
  encoded?: string;
  memoryKib: number;
  iterations: number;
}

export interface PasswordReply {
  id: number;
  result?: string | boolean;
  error?: string;
}

async function run(task: PasswordTask): Promise<string | boolean> {
  if (task.op === "hash") {
    return argon2id({
      password: task.password,
      salt: randomBytes(16),
      parallelism: 1,
      iterations: task.iterations,
      memorySize: task.memoryKib,
      hashLength: 32,
      outputType: "encoded",
    });
  }
  try {
    return await argon2Verify({ password: task.password, hash: task.encoded ?? "" });
  } catch {
    // A malformed stored hash verifies nothing.
    return false;
  }
}

parentPort?.on("message", (task: PasswordTask) => {
  run(task).then(
    (result) => parentPort?.postMessage({ id: task.id, result } satisfies PasswordReply),
    (error: unknown) =>
      parentPort?.postMessage({
        id: task.id,
        error: error instanceof Error ? error.message : String(error),
      } satisfies PasswordReply),
  );
});
