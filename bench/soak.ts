// Crash soak (issue 12): the real server on PostgreSQL is SIGKILLed 20 times under intake load. After each
// restart every acknowledged contact must be present exactly once; at the end every acknowledged web
// contact's receipt must have been sent, once per process (a kill between the send and its record is
// resent later: at least once). `npm run soak`; records bench/results/soak.json.
//
// Load: web-form clients (`POST /api/contacts`, acknowledged = 201 with a contact id) and phone-system
// clients (`POST /api/telephony/events`, signed, one call per Idempotency-Key). A phone request that died
// with the server is retried with the same key after the restart, as a phone system would: it must not
// become a second contact. Receipts are counted from the log adapter's lines in the servers' output (the
// adapter logs a message before the outbox row is marked sent, so a send is never missed by the count).
// DATABASE_URL names the PostgreSQL server (default the local one); the database `vardnav_soak` is
// dropped and recreated each run. SOAK_KILLS overrides the number of kills (default 20).
import { type ChildProcess, spawn } from "node:child_process";
import { randomUUID } from "node:crypto";
import { mkdirSync, writeFileSync } from "node:fs";
import { Agent, request } from "node:http";
import { cpus, totalmem } from "node:os";
import { fileURLToPath } from "node:url";
import pg from "pg";
import { kyselyForPostgres } from "../src/db/connect.ts";
import { migrateToLatest } from "../src/db/migrate.ts";
import { silentLogger, systemClock } from "../src/lib/context.ts";
import { Keyring } from "../src/lib/sealing.ts";
import { systemActor } from "../src/modules/audit/audit.service.ts";
import { signTelephonyRequest } from "../src/modules/contacts/telephony.service.ts";
import { registerTelephonySystem } from "../src/modules/contacts/telephony-systems.service.ts";
import { importRegionFile } from "../src/modules/regions/regions.service.ts";
import { freePort } from "../test/support/server-process.ts";

const KILLS = Number(process.env.SOAK_KILLS ?? 20);
const WEB_CLIENTS = 6;
const PHONE_CLIENTS = 2;
const UNITS = 8;
const DATABASE = "vardnav_soak";
const SERVER_URL = process.env.DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/test";
const SECRET = "soak-only-secret-not-for-production-0123456789";
const SYSTEM_ID = "soak-phone";
const VARDNAV = fileURLToPath(new URL("../bin/vardnav", import.meta.url));
const RECEIPT_WAIT_MS = 180_000;

const weekdays = (window: [string, string][]) => ({
  mon: window,
  tue: window,
  wed: window,
  thu: window,
  fri: window,
  sat: window,
  sun: window,
});
const hsaId = (i: number) => `SE2321000000-S${String(i).padStart(4, "0")}`;

/** Units open around the clock, so every intake, whatever the hour of the run, lands on an open day. */
function soakRegion() {
  return {
    region: { code: "22", name: "Soak region (synthetic)" },
    units: Array.from({ length: UNITS }, (_, i) => ({
      hsaId: hsaId(i),
      name: `Soakhälsocentral ${i}`,
      type: "halsocentral",
      ownership: "regional",
      provider: { name: "Region Soak", orgNr: "232100-0008" },
      kommun: "2281",
      location: { lat: 62.39, lon: 17.3 },
      phoneHours: weekdays([["00:00", "23:59"]]),
      openingHours: weekdays([["00:00", "23:59"]]),
      closedDates: [],
      openDates: [],
      callbackCapacity: { slotMinutes: 15, callsPerSlot: 4 },
    })),
  };
}

function databaseUrl(): string {
  const url = new URL(SERVER_URL);
  url.pathname = `/${DATABASE}`;
  return url.toString();
}

async function prepareDatabase(): Promise<string> {
  const admin = new pg.Client({ connectionString: SERVER_URL });
  await admin.connect();
  await admin.query(`drop database if exists ${DATABASE} with (force)`);
  await admin.query(`create database ${DATABASE}`);
  await admin.end();
  const url = databaseUrl();
  const db = kyselyForPostgres(url, 2);
  // The phone system's secret is sealed here and opened by the server: both under the soak's secret.
  const keyring = Keyring.fromSecrets({ secret: SECRET });
  const ctx = { db, clock: systemClock, logger: silentLogger, keyring };
  try {
    await migrateToLatest(db as never);
    await importRegionFile(ctx, systemActor("soak"), soakRegion(), { purpose: "soak seed" });
    const system = await registerTelephonySystem(
      ctx,
      systemActor("soak"),
      { id: SYSTEM_ID, regionCode: "22", name: "Soak phone system" },
      "soak seed",
    );
    await db
      .insertInto("settings")
      .values({ key: "initialized_at", value: JSON.stringify(new Date().toISOString()) })
      .execute();
    phoneSecret = system.secret;
  } finally {
    await db.destroy();
  }
  return url;
}

let phoneSecret = "";
/** outbox id → the server generation (0 = first process) of each log-adapter send seen, for receipts. */
const receiptSends = new Map<string, number[]>();
let generation = -1;

interface Server {
  child: ChildProcess;
  port: number;
  exited: Promise<void>;
}

/** Reads the server's JSON log lines; counts the log adapter's receipt sends. */
function watchLog(stream: NodeJS.ReadableStream | null, process: number) {
  let pending = "";
  stream?.on("data", (chunk) => {
    pending += String(chunk);
    const lines = pending.split("\n");
    pending = lines.pop() ?? "";
    for (const line of lines) {
      if (!line.includes("resident notification")) continue;
      try {
        const entry = JSON.parse(line) as { outboxId?: string; kind?: string };
        if (entry.kind !== "receipt" || !entry.outboxId) continue;
        receiptSends.set(entry.outboxId, [...(receiptSends.get(entry.outboxId) ?? []), process]);
      } catch {
        // a line cut by the kill: not a completed send's log line
      }
    }
  });
}

async function startServer(url: string): Promise<Server> {
  const port = await freePort();
  const child = spawn(VARDNAV, ["serve", "--no-demo"], {
    env: {
      ...process.env,
      DATABASE_URL: url,
      PORT: String(port),
      HOST: "127.0.0.1",
      LOG_LEVEL: "info",
      PUBLIC_RATE_LIMIT_PER_MINUTE: "100000",
      VARDNAV_DEMO_LIVE: "false",
      VARDNAV_SECRET: SECRET,
      NOTIFY_ADAPTER: "log",
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  generation += 1;
  watchLog(child.stdout, generation);
  watchLog(child.stderr, generation);
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  for (let i = 0; i < 600; i++) {
    if (child.exitCode !== null) throw new Error("the server exited during start-up");
    try {
      if ((await fetch(`http://127.0.0.1:${port}/api/health`)).status === 200) return { child, port, exited };
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  child.kill("SIGKILL");
  throw new Error("the server did not become healthy");
}

let agent = new Agent({ keepAlive: true, maxSockets: 32 });

function post(
  port: number,
  path: string,
  body: string,
  headers: Record<string, string>,
): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        agent,
        host: "127.0.0.1",
        port,
        method: "POST",
        path,
        headers: {
          "content-type": "application/json",
          "content-length": Buffer.byteLength(body),
          ...headers,
        },
      },
      (res) => {
        let text = "";
        res.on("data", (c) => {
          text += String(c);
        });
        res.on("end", () => resolve({ status: res.statusCode ?? 0, body: text }));
        res.on("error", reject);
      },
    );
    req.on("error", reject);
    req.end(body);
  });
}

let sequence = 0;
const webAcknowledged: string[] = [];
/** Idempotency key → the call id it carries and the contact id of the acknowledged answer (if any yet). */
const phoneCalls = new Map<string, { callId: string; body: string; contactId: string | null }>();
let unexpected = 0;

async function webIntake(port: number): Promise<void> {
  const n = sequence++;
  const body = JSON.stringify({
    unitHsaId: hsaId(n % UNITS),
    identityNumber: "19121212-1212",
    phone: `070-${String(1_000_000 + (n % 1_000_000)).slice(1)}`,
    description: `Soak ${n}: halsont och feber`,
    newProblem: n % 3 === 0,
    preferredWindow: "any",
  });
  const answer = await post(port, "/api/contacts", body, {});
  if (answer.status === 201)
    webAcknowledged.push((JSON.parse(answer.body) as { contactId: string }).contactId);
  else unexpected += 1;
}

async function phoneEvent(port: number, key: string): Promise<void> {
  const call = phoneCalls.get(key);
  if (!call) return;
  const body = call.body;
  const timestamp = String(Math.floor(Date.now() / 1000));
  const answer = await post(port, "/api/telephony/events", body, {
    "idempotency-key": key,
    "x-vardnav-system": SYSTEM_ID,
    "x-vardnav-timestamp": timestamp,
    "x-vardnav-signature": signTelephonyRequest(phoneSecret, timestamp, key, body),
  });
  // A retry sends the same body under the same key: a committed first try answers its stored result.
  if (answer.status === 200 || answer.status === 201) {
    const contactId = (JSON.parse(answer.body) as { contactId: string }).contactId;
    if (call.contactId !== null && call.contactId !== contactId) unexpected += 1;
    call.contactId = contactId;
  } else {
    unexpected += 1;
  }
}

/** Runs the load until the server dies; phone keys whose request failed are left for a retry. */
async function load(server: Server, retryKeys: string[]): Promise<void> {
  let alive = true;
  void server.exited.then(() => {
    alive = false;
  });
  const webClient = async () => {
    while (alive) await webIntake(server.port).catch(() => undefined);
  };
  const phoneClient = async () => {
    while (alive) {
      const key = retryKeys.shift() ?? newPhoneKey();
      try {
        await phoneEvent(server.port, key);
      } catch {
        if (phoneCalls.get(key)?.contactId === null) retryKeys.push(key);
      }
    }
  };
  await Promise.all([
    ...Array.from({ length: WEB_CLIENTS }, webClient),
    ...Array.from({ length: PHONE_CLIENTS }, phoneClient),
  ]);
}

function acknowledgedCount(): number {
  return webAcknowledged.length + [...phoneCalls.values()].filter((c) => c.contactId).length;
}

function newPhoneKey(): string {
  const key = `soak-${randomUUID()}`;
  const callId = `call-${randomUUID()}`;
  const body = JSON.stringify({
    callId,
    unitHsaId: hsaId(sequence++ % UNITS),
    event: "offered",
    at: new Date().toISOString(),
  });
  phoneCalls.set(key, { callId, body, contactId: null });
  return key;
}

interface Check {
  lost: number;
  duplicated: number;
}

/** Every acknowledged contact present exactly once (by id; phone calls also by their key's call id). */
async function checkContacts(client: pg.Client): Promise<Check> {
  const ids = [
    ...webAcknowledged,
    ...[...phoneCalls.values()].flatMap((c) => (c.contactId ? [c.contactId] : [])),
  ];
  const byId = await client.query<{ id: string; n: string }>(
    "select id::text, count(*) as n from contacts where id = any($1::uuid[]) group by id",
    [ids],
  );
  const index = await client.query<{ n: string }>(
    "select count(*) as n from contact_index where contact_id = any($1::uuid[])",
    [ids],
  );
  const found = new Map(byId.rows.map((r) => [r.id, Number(r.n)]));
  let lost = ids.filter((id) => !found.has(id)).length;
  let duplicated = [...found.values()].filter((n) => n > 1).length;
  if (Number(index.rows[0]?.n) !== found.size) duplicated += 1;
  // By idempotency key: each key's call is at most one contact, and exactly one once acknowledged.
  const calls = [...phoneCalls.values()];
  const byCall = await client.query<{ external_id: string; n: string }>(
    "select external_id, count(*) as n from contacts where source = 'telephony' and external_id = any($1::text[]) group by external_id",
    [calls.map((c) => c.callId)],
  );
  const perCall = new Map(byCall.rows.map((r) => [r.external_id, Number(r.n)]));
  for (const call of calls) {
    const n = perCall.get(call.callId) ?? 0;
    if (n > 1) duplicated += 1;
    if (call.contactId && n === 0) lost += 1;
  }
  return { lost, duplicated };
}

async function main() {
  const started = Date.now();
  const url = await prepareDatabase();
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const retryKeys: string[] = [];
  let kills = 0;
  let lost = 0;
  let duplicated = 0;
  let server = await startServer(url);
  for (let round = 0; round < KILLS; round++) {
    const before = acknowledgedCount();
    const loading = load(server, retryKeys);
    // A random moment in the load: after 10 to 60 more acknowledgements, then 0 to 300 ms more, so
    // requests are in flight at every kill (a fixed delay after start-up may fall before the first one).
    const target = before + 10 + Math.floor(Math.random() * 50);
    while (acknowledgedCount() < target) await new Promise((r) => setTimeout(r, 5));
    await new Promise((r) => setTimeout(r, Math.random() * 300));
    server.child.kill("SIGKILL");
    await server.exited;
    await loading;
    kills += 1;
    agent.destroy();
    agent = new Agent({ keepAlive: true, maxSockets: 32 });
    server = await startServer(url);
    const check = await checkContacts(client);
    lost = Math.max(lost, check.lost);
    duplicated = Math.max(duplicated, check.duplicated);
    process.stderr.write(
      `kill ${kills}: ${webAcknowledged.length} web + ${[...phoneCalls.values()].filter((c) => c.contactId).length} phone acknowledged, lost ${check.lost}, duplicated ${check.duplicated}, ${retryKeys.length} phone keys to retry\n`,
    );
  }
  // The phone system's last retries, then the dispatcher delivers every receipt.
  while (retryKeys.length > 0) {
    const key = retryKeys.shift() as string;
    await phoneEvent(server.port, key);
  }
  const final = await checkContacts(client);
  lost = Math.max(lost, final.lost);
  duplicated = Math.max(duplicated, final.duplicated);

  const deadline = Date.now() + RECEIPT_WAIT_MS;
  let unsent = webAcknowledged.length;
  while (Date.now() < deadline) {
    const pending = await client.query<{ n: string }>(
      "select count(*) as n from outbox_messages where kind = 'receipt' and status <> 'sent' and contact_id = any($1::uuid[])",
      [webAcknowledged],
    );
    unsent = Number(pending.rows[0]?.n);
    if (unsent === 0) break;
    await new Promise((r) => setTimeout(r, 1000));
  }
  server.child.kill("SIGTERM");
  await server.exited;
  const receipts = await client.query<{ id: string; contact_id: string }>(
    "select id::text, contact_id::text from outbox_messages where kind = 'receipt' and contact_id = any($1::uuid[])",
    [webAcknowledged],
  );
  await client.end();

  const receiptOf = new Map<string, string[]>();
  for (const row of receipts.rows)
    receiptOf.set(row.contact_id, [...(receiptOf.get(row.contact_id) ?? []), row.id]);
  // Delivery is at least once (docs/OPERATIONS.md): a process killed after the provider took a message
  // and before the outbox row was marked sent leaves it claimed, and a later process sends it again once
  // the claim's lease ends. Such a resend is counted apart: its sends come from different processes. Two
  // sends by one process, or two receipts queued for one contact, would be a fault.
  let receiptsMissing = 0;
  let receiptsDuplicated = 0;
  let receiptsResentAfterKill = 0;
  for (const contactId of webAcknowledged) {
    const outboxIds = receiptOf.get(contactId) ?? [];
    const sends = outboxIds.flatMap((id) => receiptSends.get(id) ?? []);
    if (sends.length === 0) receiptsMissing += 1;
    else if (outboxIds.length > 1 || new Set(sends).size < sends.length) receiptsDuplicated += 1;
    else if (sends.length > 1) receiptsResentAfterKill += 1;
  }

  const result = {
    bench: "soak",
    kills,
    acknowledged: webAcknowledged.length + [...phoneCalls.values()].filter((c) => c.contactId).length,
    acknowledgedWeb: webAcknowledged.length,
    acknowledgedPhone: [...phoneCalls.values()].filter((c) => c.contactId).length,
    lost,
    duplicated,
    receiptsMissing,
    receiptsDuplicated,
    receiptsResentAfterKill,
    receiptsUnsentInDatabase: unsent,
    unexpectedAnswers: unexpected,
    durationSeconds: Math.round((Date.now() - started) / 1000),
  };
  const record = {
    ...result,
    recordedAt: new Date().toISOString(),
    machine: {
      cpus: cpus().length,
      cpuModel: cpus()[0]?.model ?? "unknown",
      memoryGiB: Math.round(totalmem() / 2 ** 30),
      node: process.version,
    },
  };
  mkdirSync(new URL("./results/", import.meta.url), { recursive: true });
  writeFileSync(new URL("./results/soak.json", import.meta.url), `${JSON.stringify(record, null, 2)}\n`);
  process.stdout.write(`${JSON.stringify(result)}\n`);
  const ok =
    kills === KILLS &&
    lost === 0 &&
    duplicated === 0 &&
    receiptsMissing === 0 &&
    receiptsDuplicated === 0 &&
    unexpected === 0;
  process.exit(ok ? 0 : 1);
}

await main();
