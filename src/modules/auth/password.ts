import { randomBytes } from "node:crypto";
import { argon2id, argon2Verify } from "hash-wasm";

// OWASP's argon2id baseline (19 MiB, 2 iterations, 1 lane). hash-wasm runs it in WebAssembly, so no
// native add-on is compiled at install time.
const MEMORY_KIB = 19 * 1024;
const ITERATIONS = 2;

export async function hashPassword(password: string): Promise<string> {
  return argon2id({
    password,
    salt: randomBytes(16),
    parallelism: 1,
    iterations: ITERATIONS,
    memorySize: MEMORY_KIB,
    hashLength: 32,
    outputType: "encoded",
  });
}

export async function verifyPassword(password: string, encodedHash: string): Promise<boolean> {
  try {
    return await argon2Verify({ password, hash: encodedHash });
  } catch {
    return false;
  }
}

export const PASSWORD_MIN_LENGTH = 10;
