import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { acquireDataDirLock } from "./data-dir-lock.ts";

describe("the data-folder lock", () => {
  it("refuses a second owner while the first is alive, naming the holder", async () => {
    const dir = mkdtempSync(join(tmpdir(), "vardnav-lock-"));
    // A real second process holds the lock, as a running server would.
    const holder = spawn(process.execPath, [
      "-e",
      `require("node:fs").writeFileSync(${JSON.stringify(join(dir, "vardnav.lock"))}, JSON.stringify({pid: process.pid, purpose: "server", since: "2026-03-02T08:00:00Z"}), {flag: "wx"}); setInterval(() => {}, 1000);`,
    ]);
    try {
      for (let i = 0; i < 50 && !existsSync(join(dir, "vardnav.lock")); i++)
        await new Promise((r) => setTimeout(r, 50));
      expect(() => acquireDataDirLock(dir, "cli")).toThrowError(
        new RegExp(
          `in use by another Vårdnav process \\(pid ${holder.pid}, server since 2026-03-02T08:00:00Z\\)`,
        ),
      );
    } finally {
      holder.kill("SIGKILL");
    }
  });

  it("takes over a lock left by a process that died", () => {
    const dir = mkdtempSync(join(tmpdir(), "vardnav-lock-"));
    // pid 2^22+ is above Linux's default pid_max, so no process can have it.
    writeFileSync(join(dir, "vardnav.lock"), JSON.stringify({ pid: 4_194_999, purpose: "server" }));
    const lock = acquireDataDirLock(dir, "cli");
    lock.release();
    expect(existsSync(join(dir, "vardnav.lock"))).toBe(false);
  });

  it("releases so the next process can take it", () => {
    const dir = mkdtempSync(join(tmpdir(), "vardnav-lock-"));
    acquireDataDirLock(dir, "a").release();
    acquireDataDirLock(dir, "b").release();
  });
});
