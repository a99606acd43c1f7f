import { availableParallelism } from "node:os";
import { Worker } from "node:worker_threads";
import type { PasswordReply, PasswordTask } from "./password-worker.ts";

// OWASP's argon2id baseline (19 MiB, 2 iterations, 1 lane). hash-wasm runs it in WebAssembly, so no
// native add-on is compiled at install time. It runs in a small pool of worker threads (password-worker.ts):
// on the main thread each sign-in would block the event loop for tens of milliseconds, and a burst of
// sign-ins (or a guessing attack) would stall every request, the live worklists included.
const MEMORY_KIB = 19 * 1024;
const ITERATIONS = 2;
/** One or two workers: argon2 is memory-hard, and the other cores serve requests and the database. */
const POOL_SIZE = Math.max(1, Math.min(2, availableParallelism() - 1));
const WORKER_URL = new URL("./password-worker.ts", import.meta.url);

interface Pending {
  task: PasswordTask;
  resolve: (value: string | boolean) => void;
  reject: (error: Error) => void;
}

class PasswordPool {
  readonly #idle: Worker[] = [];
  readonly #busy = new Map<Worker, Pending>();
  readonly #queue: Pending[] = [];
  #size = 0;
  #nextId = 1;

  run(op: PasswordTask["op"], password: string, encoded?: string): Promise<string | boolean> {
    return new Promise((resolve, reject) => {
      const task: PasswordTask = {
        id: this.#nextId++,
        op,
        password,
        memoryKib: MEMORY_KIB,
        iterations: ITERATIONS,
        ...(encoded === undefined ? {} : { encoded }),
      };
      this.#queue.push({ task, resolve, reject });
      this.#pump();
    });
  }

  #pump(): void {
    while (this.#queue.length > 0) {
      const worker = this.#idle.pop() ?? (this.#size < POOL_SIZE ? this.#spawn() : null);
      if (!worker) return;
      const next = this.#queue.shift() as Pending;
      this.#busy.set(worker, next);
      // Referenced while it works, so a command waiting for a verification does not exit early.
      worker.ref();
      worker.postMessage(next.task);
    }
  }

  #spawn(): Worker {
    this.#size += 1;
    const worker = new Worker(WORKER_URL);
    worker.on("message", (reply: PasswordReply) => {
      const pending = this.#busy.get(worker);
      this.#busy.delete(worker);
      // Idle workers do not keep the process alive.
      worker.unref();
      this.#idle.push(worker);
      if (pending && pending.task.id === reply.id) {
        if (reply.error !== undefined) pending.reject(new Error(reply.error));
        else pending.resolve(reply.result as string | boolean);
      }
      this.#pump();
    });
    const fail = (error: Error) => {
      const pending = this.#busy.get(worker);
      this.#busy.delete(worker);
      const at = this.#idle.indexOf(worker);
      if (at >= 0) this.#idle.splice(at, 1);
      this.#size -= 1;
      pending?.reject(error);
      this.#pump();
    };
    worker.on("error", fail);
    worker.on("exit", (code) => {
      if (this.#busy.has(worker) || this.#idle.includes(worker)) {
        fail(new Error(`the password worker stopped (exit code ${code})`));
      }
    });
    return worker;
  }
}

let pool: PasswordPool | null = null;

function passwordPool(): PasswordPool {
  pool ??= new PasswordPool();
  return pool;
}

export async function hashPassword(password: string): Promise<string> {
  return (await passwordPool().run("hash", password)) as string;
}

export async function verifyPassword(password: string, encodedHash: string): Promise<boolean> {
  return (await passwordPool().run("verify", password, encodedHash)) === true;
}

export const PASSWORD_MIN_LENGTH = 10;
