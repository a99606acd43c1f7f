import { readdirSync, readFileSync } from "node:fs";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { kyselyForPostgres } from "../../src/db/connect.ts";
import { type ServiceContext, silentLogger, systemClock } from "../../src/lib/context.ts";
import { developmentKeyring } from "../../src/lib/sealing.ts";
import { verifyAuditChain } from "../../src/modules/audit/audit.service.ts";
import { seedUser, TEST_PASSWORD } from "../support/app.ts";
import { createSeededDatabase, type ScratchDatabase } from "../support/pg-server.ts";
import { type RunningServer, startVardnavServer } from "../support/server-process.ts";

// `vardnav serve --workers 2` on PostgreSQL (src/cluster.ts): two worker processes share the port, the
// intakes they take never overbook a slot, their audit entries form one verifiable chain, a live worklist
// served by one worker hears contacts taken by the other, and SIGTERM to the primary ends them all.

const KRAMFORS = "SE2321000000-E0001";
let database: ScratchDatabase;
let server: RunningServer;
let ctx: ServiceContext;

/** Pids of the processes whose parent is `pid` (Linux /proc). */
function childrenOf(pid: number): number[] {
  const children: number[] = [];
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
      const parent = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
      if (parent === pid) children.push(Number(entry));
    } catch {
      // the process ended while we looked
    }
  }
  return children;
}

/** The server processes: bin/vardnav execs node, whose cluster workers are its children. */
async function workerPids(): Promise<number[]> {
  for (let i = 0; i < 600; i++) {
    const pids = childrenOf(server.child.pid ?? -1);
    if (pids.length === 2) return pids;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error("the two workers never both came up");
}

/** The worker serving the stream listens for other processes' changes once a stream is open. */
async function listenerReady(): Promise<void> {
  for (let i = 0; i < 200; i++) {
    const rows = await sql(
      "select 1 from pg_stat_activity where datname = current_database() and query ilike 'listen vardnav_contact_changed%'",
    );
    if (rows.length > 0) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error("no worker started listening for contact changes");
}

async function sql<T extends pg.QueryResultRow>(text: string, values: unknown[] = []): Promise<T[]> {
  const client = new pg.Client({ connectionString: database.url });
  await client.connect();
  try {
    return (await client.query<T>(text, values)).rows;
  } finally {
    await client.end();
  }
}

function intake(n: number) {
  return fetch(`${server.base}/api/contacts`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({
      unitHsaId: KRAMFORS,
      identityNumber: "19121212-1212",
      phone: `070-${String(1_000_000 + n).slice(1)}`,
      description: `Klustertest ${n}`,
      newProblem: false,
      preferredWindow: "any",
    }),
  });
}

beforeAll(async () => {
  database = await createSeededDatabase("vardnav_cluster");
  ctx = {
    db: kyselyForPostgres(database.url, 2),
    clock: systemClock,
    logger: silentLogger,
    keyring: developmentKeyring(),
  };
  await seedUser(ctx, {
    username: "nurse.kramfors",
    role: "staff",
    regionCode: "22",
    unitHsaIds: [KRAMFORS],
  });
  server = await startVardnavServer(database.url, { workers: 2 });
}, 180_000);

afterAll(async () => {
  server?.child.kill("SIGTERM");
  await server?.exited;
  await ctx?.db.destroy();
  await database?.drop();
});

describe("vardnav serve --workers 2", () => {
  it("shares the port between two workers without overbooking, one audit chain, live across workers", async () => {
    const pids = await workerPids();
    expect(pids).toHaveLength(2);

    const login = await fetch(`${server.base}/api/auth/login`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ username: "nurse.kramfors", password: TEST_PASSWORD }),
    });
    expect(login.status).toBe(200);
    const cookie = (login.headers.get("set-cookie") ?? "").split(";")[0] ?? "";
    const abort = new AbortController();
    const stream = await fetch(`${server.base}/api/worklist/stream?unit=${KRAMFORS}`, {
      headers: { cookie },
      signal: abort.signal,
    });
    expect(stream.status).toBe(200);
    const reader = (stream.body as ReadableStream<Uint8Array>).getReader();
    const decoder = new TextDecoder();
    let text = "";
    const reading = (async () => {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) return;
        text += decoder.decode(value);
      }
    })().catch(() => undefined);
    for (let i = 0; i < 200 && !text.includes(": connected"); i++)
      await new Promise((r) => setTimeout(r, 50));
    await listenerReady();

    // Forty requests at once open many connections; the primary hands them to the workers in turn.
    const responses = await Promise.all(Array.from({ length: 40 }, (_, n) => intake(n)));
    expect(responses.map((r) => r.status)).toEqual(Array(40).fill(201));
    const ids = (await Promise.all(responses.map((r) => r.json()))).map((r) => r.contactId as string);

    // The stream is served by one worker; the intakes came through both, so it hears the other's too.
    for (let i = 0; i < 200 && !ids.every((id) => text.includes(id)); i++) {
      await new Promise((r) => setTimeout(r, 50));
    }
    expect(ids.filter((id) => !text.includes(id))).toEqual([]);
    abort.abort();
    await reading;

    const perSlot = await sql<{ n: string }>(
      "select count(*) as n from contacts where slot_start is not null group by unit_id, slot_start",
    );
    expect(perSlot.every((s) => Number(s.n) <= 3)).toBe(true);
    const audited = await sql<{ n: string }>(
      "select (select count(*) from audit_log where entity_id = any($1)) + (select count(*) from audit_pending where entry->>'entity_id' = any($1)) as n",
      [ids],
    );
    expect(Number(audited[0]?.n)).toBe(ids.length);
    expect((await verifyAuditChain(ctx)).ok).toBe(true);

    server.child.kill("SIGTERM");
    await server.exited;
    expect(pids.filter((pid) => childrenOf(server.child.pid ?? -1).includes(pid))).toEqual([]);
    for (const pid of pids) expect(() => process.kill(pid, 0)).toThrow();
  }, 120_000);
});
