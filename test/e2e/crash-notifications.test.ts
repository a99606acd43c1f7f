import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runVardnav, VARDNAV_BIN } from "../support/cli.ts";
import { createTestDatabase, type TestDatabase } from "../support/database.ts";
import { freePort } from "../support/server-process.ts";

// Issue 3, "Crash test": the real server is killed with SIGKILL right after it answered 201 to a burst of
// residents, while the SMS provider is down. After a restart every contact that got a 201 is there exactly
// once and its receipt is still sent. Runs against the run's database: PostgreSQL with DATABASE_URL, else an
// embedded data folder.

const FIXTURE = new URL("../fixtures/region-22-example.json", import.meta.url).pathname;
const identities = (
  JSON.parse(
    readFileSync(new URL("../../demo/data/test-identity-numbers.json", import.meta.url), "utf8"),
  ) as {
    personnummer: string[];
  }
).personnummer;

let database: TestDatabase;
let dataDir: string;
const children: ChildProcess[] = [];
let smsUp = false;
const smsReceived: string[] = [];
const sms = createServer((request, response) => {
  let body = "";
  request.on("data", (chunk) => {
    body += chunk;
  });
  request.on("end", () => {
    if (!smsUp) {
      response.writeHead(503).end("provider down");
      return;
    }
    smsReceived.push(new URLSearchParams(body).get("to") ?? "");
    response
      .writeHead(200, { "content-type": "application/json" })
      .end(JSON.stringify({ id: `s${smsReceived.length}` }));
  });
});

function environment(port: number): Record<string, string | undefined> {
  const { port: smsPort } = sms.address() as AddressInfo;
  return {
    DATABASE_URL: database.url ?? undefined,
    PORT: String(port),
    LOG_LEVEL: "warn",
    NOTIFY_ADAPTER: "sms",
    ELKS_API_USERNAME: "test",
    ELKS_API_PASSWORD: "test",
    ELKS_FROM: "Vardnav",
    ELKS_API_URL: `http://127.0.0.1:${smsPort}/a1/sms`,
    VARDNAV_DEMO_LIVE: "false",
    PUBLIC_RATE_LIMIT_PER_MINUTE: "1000",
    // The killed server's sends failed against the provider that was down; the restarted one retries
    // them after this wait (30 s, then 60 s by default: most of this test's minute and a half).
    NOTIFY_RETRY_BASE_SECONDS: "1",
  };
}

function startServer(port: number): Promise<ChildProcess> {
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries({ ...process.env, ...environment(port) }))
    if (v !== undefined) env[k] = v;
  const child = spawn(VARDNAV_BIN, ["--data-dir", dataDir, "serve", "--no-demo"], { env });
  children.push(child);
  return new Promise((resolve, reject) => {
    let stderr = "";
    child.stderr?.on("data", (chunk) => {
      stderr += chunk;
      if (stderr.includes("Vårdnav is running at")) resolve(child);
    });
    child.on("exit", (code) => reject(new Error(`server exited (${code}) before listening: ${stderr}`)));
  });
}

function exited(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve();
    else child.once("exit", () => resolve());
  });
}

beforeAll(async () => {
  database = await createTestDatabase();
  dataDir = mkdtempSync(join(tmpdir(), "vardnav-crash-"));
  await new Promise<void>((resolve) => sms.listen(0, "127.0.0.1", resolve));
  const imported = await runVardnav(["--data-dir", dataDir, "region", "import", FIXTURE], {
    env: { DATABASE_URL: database.url ?? undefined },
  });
  expect(imported.status, imported.stderr).toBe(0);
});

afterAll(async () => {
  for (const child of children)
    if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
  await Promise.all(children.map(exited));
  await new Promise<void>((resolve) => sms.close(() => resolve()));
  await database.close();
  rmSync(dataDir, { recursive: true, force: true });
});

describe("SIGKILL right after the 201s", () => {
  it("keeps every accepted contact exactly once and still sends each receipt", async () => {
    const port = await freePort();
    const first = await startServer(port);
    const phones = Array.from({ length: 12 }, (_, i) => `070-1740${String(100 + i).padStart(3, "0")}`);
    const responses = await Promise.all(
      phones.map((phone, i) =>
        fetch(`http://127.0.0.1:${port}/api/contacts`, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({
            unitHsaId: "SE2321000000-E0001",
            identityNumber: identities[i],
            phone,
            description: "Feber och hosta sedan tre dagar.",
            newProblem: true,
            preferredWindow: "any",
          }),
        }),
      ),
    );
    first.kill("SIGKILL");
    await exited(first);
    expect(responses.map((r) => r.status)).toEqual(phones.map(() => 201));
    const receipts = (await Promise.all(responses.map((r) => r.json()))) as { contactId: string }[];

    // The provider is back; a restarted server sends what the killed one could not.
    smsUp = true;
    const second = await startServer(port);
    const expected = new Set(phones.map((p) => `+46${p.replace(/\D/g, "").slice(1)}`));
    for (let i = 0; i < 1800 && ![...expected].every((to) => smsReceived.includes(to)); i++) {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    second.kill("SIGTERM");
    await exited(second);
    expect(new Set(smsReceived)).toEqual(expected);

    const ids = receipts.map((r) => `'${r.contactId}'`).join(", ");
    const query = await runVardnav(
      [
        "--data-dir",
        dataDir,
        "db",
        "sql",
        `select c.id::text as id, count(*)::int as copies,
                (select count(*)::int from outbox_messages o where o.contact_id = c.id and o.kind = 'receipt' and o.status = 'sent') as sent
           from contacts c where c.id in (${ids}) group by c.id`,
      ],
      { env: { DATABASE_URL: database.url ?? undefined } },
    );
    expect(query.status, query.stderr).toBe(0);
    const rows = JSON.parse(query.stdout).rows as { id: string; copies: number; sent: number }[];
    expect(rows.map((r) => r.id).sort()).toEqual(receipts.map((r) => r.contactId).sort());
    expect(rows.every((r) => r.copies === 1 && r.sent === 1)).toBe(true);
  }, 300_000);
});
