import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { kyselyForPostgres } from "../../src/db/connect.ts";
import { type ServiceContext, silentLogger, systemClock } from "../../src/lib/context.ts";
import { developmentKeyring } from "../../src/lib/sealing.ts";
import { acceptWebContact } from "../../src/modules/contacts/intake.service.ts";
import { seedUser, TEST_PASSWORD } from "../support/app.ts";
import { createSeededDatabase, type ScratchDatabase } from "../support/pg-server.ts";
import { type RunningServer, startVardnavServer } from "../support/server-process.ts";

// Several server processes on one PostgreSQL database must see each other's contact changes: a contact
// that arrives through another process (here: this test process, as a second server or the simulator
// would) must reach the live worklist stream served by the spawned server, through LISTEN/NOTIFY.

const KRAMFORS = "SE2321000000-E0001";
let database: ScratchDatabase;
let server: RunningServer;
let ctx: ServiceContext;

beforeAll(async () => {
  database = await createSeededDatabase("vardnav_multi");
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
  server = await startVardnavServer(database.url);
});

afterAll(async () => {
  server?.child.kill("SIGTERM");
  await server?.exited;
  await ctx?.db.destroy();
  await database?.drop();
});

async function listenerReady(): Promise<void> {
  const client = new pg.Client({ connectionString: database.url });
  await client.connect();
  try {
    for (let i = 0; i < 200; i++) {
      const { rows } = await client.query(
        "select 1 from pg_stat_activity where datname = current_database() and query ilike 'listen vardnav_contact_changed%'",
      );
      if (rows.length > 0) return;
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error("the server never started listening for contact changes");
  } finally {
    await client.end();
  }
}

describe("live worklist across processes", () => {
  it("a contact accepted by another process reaches this server's event stream", async () => {
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
    const readUntil = async (needle: string) => {
      while (!text.includes(needle)) {
        const { value, done } = await reader.read();
        if (done) throw new Error(`stream ended before ${needle}`);
        text += decoder.decode(value);
      }
    };
    await readUntil(": connected");
    await listenerReady();

    const receipt = await acceptWebContact(ctx, {
      unitHsaId: KRAMFORS,
      identityNumber: "19121212-1212",
      phone: "070-123 45 67",
      description: "Från en annan process",
      newProblem: false,
      preferredWindow: "any",
    });
    await readUntil(receipt.contactId);
    expect(text).toContain(`event: contact-changed\ndata: {"contactId":"${receipt.contactId}"}`);
    abort.abort();
  }, 120_000);
});
