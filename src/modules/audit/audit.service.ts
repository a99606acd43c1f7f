import { createHash, createHmac } from "node:crypto";
import type { Kysely } from "kysely";
import type { AuditLogRow, Database } from "../../db/schema.ts";
import { AppError } from "../../errors.ts";
import type { Actor } from "../../lib/actor.ts";
import { canonicalJson } from "../../lib/canonical-json.ts";
import type { AuditHeadSink, Logger, ServiceContext } from "../../lib/context.ts";
import {
  type AuditInsert,
  deletePendingAudit,
  findAuditRows,
  findAuditRowsAfter,
  findLastAuditHash,
  findPendingAudit,
  insertAuditRow,
  insertAuditRows,
  lockAuditChain,
} from "./audit.repository.ts";
import type { AuditLogView, AuditVerification } from "./audit.schemas.ts";
import { type AuditHead, readAuditHead } from "./audit-head.ts";

export const GENESIS_HASH = "0".repeat(64);

/** Who acted: a signed-in user, or the system itself (CLI, jobs, demo loader) under a named identity. */
export type AuditActor =
  | Actor
  | { kind: "system"; username: string; role: "system"; userId: null; regionCode: null };

export function systemActor(username: string): AuditActor {
  return { kind: "system", username, role: "system", userId: null, regionCode: null };
}

export interface AuditEntry {
  action: string;
  entityType: string;
  entityId?: string | null;
  regionCode?: string | null;
  /** Why: the route or command that caused the access (patientdatalagen asks for the purpose). */
  purpose: string;
  details?: Record<string, unknown>;
}

type HashedFields = Omit<AuditInsert, "prev_hash" | "hash" | "mac_scheme">;
type MacScheme = "sha256" | "hmac-sha256";

/** What appending needs from the service context: the clock, the keyring and the head keeper. */
export type AuditContext = Pick<ServiceContext, "clock" | "keyring" | "auditHead">;

/**
 * The MAC of a row covers its predecessor's MAC and every field, so editing or deleting any row shows.
 * New rows are keyed (HMAC with the keyring's `audit-log-chain` key, from VARDNAV_SECRET), so someone with
 * only the database cannot recompute the chain after a change; "sha256" is the unkeyed scheme of rows
 * before migration 0020.
 */
export function computeAuditHash(
  prevHash: string,
  fields: HashedFields,
  scheme: MacScheme = "sha256",
  key?: Buffer,
): string {
  const canonical = canonicalJson({ ...fields, at: fields.at.toISOString() });
  if (scheme === "hmac-sha256" && !key) throw new AppError("internal", "A keyed audit MAC needs its key.");
  const mac = scheme === "sha256" || !key ? createHash("sha256") : createHmac("sha256", key);
  return mac.update(prevHash).update("\n").update(canonical).digest("hex");
}

function currentAuditKey(ctx: Pick<ServiceContext, "keyring">): Buffer {
  const [key] = ctx.keyring.macKeys("audit-log-chain");
  if (!key) throw new AppError("internal", "The keyring has no audit-log-chain key.");
  return key;
}

/**
 * Appends one row to the keyed audit chain. Must run inside the transaction that does the audited
 * work, so the log and the change commit or fail together.
 */
export async function recordAudit(
  trx: Kysely<Database>,
  ctx: AuditContext,
  actor: AuditActor,
  entry: AuditEntry,
): Promise<void> {
  await lockAuditChain(trx);
  // Committed web-form entries still pending go first, so the log's order follows what happened (a
  // response to a contact is never chained before the contact's creation).
  while ((await chainPendingBatch(trx, ctx)) === APPEND_BATCH) {}
  const prevHash = (await findLastAuditHash(trx)) ?? GENESIS_HASH;
  const fields = hashedFieldsOf(actor, entry, new Date(ctx.clock.now().epochMilliseconds));
  await insertAuditRow(trx, {
    ...fields,
    prev_hash: prevHash,
    hash: computeAuditHash(prevHash, fields, "hmac-sha256", currentAuditKey(ctx)),
    mac_scheme: "hmac-sha256",
  });
  // The keeper reads the committed chain a moment later; a rolled-back row never reaches the head.
  ctx.auditHead?.notify();
}

/** Records an audit row in its own transaction (for reads, which have no other transaction to join). */
export async function recordAuditNow(
  ctx: ServiceContext,
  actor: AuditActor,
  entry: AuditEntry,
): Promise<void> {
  await ctx.db.transaction().execute((trx) => recordAudit(trx, ctx, actor, entry));
}

// Pending entries (migration 0034). The public intake is the hottest audited action and the chain is one
// sequence for the whole system: taking the chain lock per intake made every intake in every region wait
// for every other. The intake statement writes its entry to `audit_pending` in its own commit (the
// evidence is never apart from the contact), and the appender below chains pending entries into
// `audit_log` in batches, under the chain lock, with the MAC computed here (the key is never in the
// database). Reading or verifying the log appends first, so no reader sees a committed intake unlogged.

/** A pending entry as the intake statement stores it: the hashed fields, `at` as an ISO instant. */
export function pendingAuditEntry(actor: AuditActor, entry: AuditEntry, at: Date): Record<string, unknown> {
  return { ...hashedFieldsOf(actor, entry, at), at: at.toISOString() };
}

/** The fields of an access-log row that its MAC covers, whether appended now or chained later. */
function hashedFieldsOf(actor: AuditActor, entry: AuditEntry, at: Date): HashedFields {
  return {
    at,
    region_code: entry.regionCode ?? actor.regionCode ?? null,
    actor_user_id: actor.userId,
    actor_username: actor.username,
    actor_role: actor.role,
    action: entry.action,
    entity_type: entry.entityType,
    entity_id: entry.entityId ?? null,
    purpose: entry.purpose,
    details: entry.details ?? {},
  };
}

const APPEND_BATCH = 500;

/** Chains every committed pending entry into the access log, oldest first; returns how many. */
export async function appendPendingAudit(ctx: AuditContext & { db: Kysely<Database> }): Promise<number> {
  let total = 0;
  for (;;) {
    const appended = await ctx.db.transaction().execute(async (trx) => {
      await lockAuditChain(trx);
      return chainPendingBatch(trx, ctx);
    });
    total += appended;
    if (appended < APPEND_BATCH) break;
  }
  if (total > 0) ctx.auditHead?.notify();
  return total;
}

/** Chains up to one batch of committed pending entries; the caller holds the chain lock. */
async function chainPendingBatch(trx: Kysely<Database>, ctx: AuditContext): Promise<number> {
  const pending = await findPendingAudit(trx, APPEND_BATCH);
  if (pending.length === 0) return 0;
  let prevHash = (await findLastAuditHash(trx)) ?? GENESIS_HASH;
  const rows = pending.map(({ entry }): AuditInsert => {
    const stored = entry as unknown as Omit<HashedFields, "at"> & { at: string };
    const fields: HashedFields = { ...stored, at: new Date(stored.at) };
    const hash = computeAuditHash(prevHash, fields, "hmac-sha256", currentAuditKey(ctx));
    const row: AuditInsert = { ...fields, prev_hash: prevHash, hash, mac_scheme: "hmac-sha256" };
    prevHash = hash;
    return row;
  });
  await insertAuditRows(trx, rows);
  await deletePendingAudit(
    trx,
    pending.map((p) => p.id),
  );
  return pending.length;
}

interface AppendState {
  timer: NodeJS.Timeout | undefined;
  running: boolean;
  again: boolean;
}
const appendStates = new WeakMap<object, AppendState>();
// Every reader of the log appends first, so the delay is never visible in the log; it only sets how many
// intakes share one chain-lock transaction (20 ms gave batches of a handful at 400 intakes/s).
const APPEND_DELAY_MS = 200;

/**
 * Appends soon, once for the intakes of the next APPEND_DELAY_MS (one chain-lock transaction per batch
 * instead of one per intake). A failure is logged; the entries stay pending and the next run takes them.
 */
export function scheduleAuditAppend(ctx: AuditContext & { db: Kysely<Database>; logger: Logger }): void {
  let state = appendStates.get(ctx.db);
  if (!state) {
    state = { timer: undefined, running: false, again: false };
    appendStates.set(ctx.db, state);
  }
  const s = state;
  if (s.running) {
    s.again = true;
    return;
  }
  if (s.timer) return;
  s.timer = setTimeout(() => {
    s.timer = undefined;
    s.running = true;
    appendPendingAudit(ctx)
      .catch((error) => ctx.logger.error({ err: error }, "could not append pending audit entries"))
      .finally(() => {
        s.running = false;
        if (s.again) {
          s.again = false;
          scheduleAuditAppend(ctx);
        }
      });
  }, APPEND_DELAY_MS);
  s.timer.unref();
}

export type { AuditLogView, AuditVerification };

/** The index of the key a row's MAC holds under (-1 for an unkeyed row that holds), or null. */
function keyedRowKey(row: AuditLogRow, fields: HashedFields, keys: readonly Buffer[]): number | null {
  if (row.mac_scheme === "sha256")
    return computeAuditHash(row.prev_hash, fields, "sha256") === row.hash ? -1 : null;
  const index = keys.findIndex(
    (key) => computeAuditHash(row.prev_hash, fields, "hmac-sha256", key) === row.hash,
  );
  return index < 0 ? null : index;
}

function fieldsOf(row: AuditLogRow): HashedFields {
  return {
    at: row.at,
    region_code: row.region_code,
    actor_user_id: row.actor_user_id,
    actor_username: row.actor_username,
    actor_role: row.actor_role,
    action: row.action,
    entity_type: row.entity_type,
    entity_id: row.entity_id,
    purpose: row.purpose,
    details: row.details,
  };
}

/** Reads the head the context's keeper writes, if it keeps one (after bringing it up to date). */
export async function currentAuditHead(keeper: AuditHeadSink | undefined): Promise<AuditHead | null> {
  if (!keeper) return null;
  await keeper.flush();
  return readAuditHead(keeper.file);
}

/** Shown instead of a row id an auditor of another region may not learn. */
export const OUTSIDE_REGION_ID = "(outside your region)";

/**
 * Walks the whole chain in id order and reports the first row whose link or content does not hold, then
 * compares the chain with its head kept outside the database: a chain shorter than its head, or one
 * whose row at the head's position carries another MAC, lost its newest rows.
 */
export async function verifyAuditChain(
  ctx: ServiceContext,
  options: {
    batchSize?: number;
    head?: AuditHead | null;
    /**
     * An auditor's verification: the chain is one for all regions, so it is walked whole, but only the
     * region's rows are counted and a broken row of another region is not named.
     */
    regionCode?: string | undefined;
  } = {},
): Promise<AuditVerification> {
  const batchSize = options.batchSize ?? 5000;
  const scope = options.regionCode;
  const broken = (rowsChecked: number, id: string, rowRegion: string | null, reason: string) => ({
    ok: false,
    rowsChecked,
    firstBroken: { id: scope === undefined || rowRegion === scope ? id : OUTSIDE_REGION_ID, reason },
  });
  await appendPendingAudit(ctx);
  const head = options.head === undefined ? await currentAuditHead(ctx.auditHead) : options.head;
  let expectedPrev = GENESIS_HASH;
  let lastId = 0n;
  let checked = 0;
  let keyedSeen = false;
  let currentSeen = false;
  const keys = ctx.keyring.macKeys("audit-log-chain");
  let macAtHead: string | null = null;
  // Rows reported: all of them, or the auditor's region's.
  let counted = 0;
  for (;;) {
    const rows = await findAuditRowsAfter(ctx.db, lastId, batchSize);
    if (rows.length === 0) break;
    for (const row of rows) {
      const id = String(row.id);
      if (row.prev_hash !== expectedPrev) {
        return broken(
          counted,
          id,
          row.region_code,
          "its link to the previous row does not match: a row before it was removed or altered",
        );
      }
      if (keyedSeen && row.mac_scheme !== "hmac-sha256") {
        return broken(counted, id, row.region_code, "an unkeyed row after keyed ones: the row was forged");
      }
      // While a rotation is under way (VARDNAV_SECRET_PREVIOUS set), rows keyed before it verify under
      // the previous key; once a row is under the current key, every later one must be too.
      const underKey = keyedRowKey(row, fieldsOf(row), currentSeen ? keys.slice(0, 1) : keys);
      if (underKey === null) {
        return broken(
          counted,
          id,
          row.region_code,
          "its content does not match its MAC: the row was altered",
        );
      }
      keyedSeen ||= row.mac_scheme === "hmac-sha256";
      currentSeen ||= underKey === 0;
      expectedPrev = row.hash;
      lastId = BigInt(row.id);
      checked += 1;
      if (scope === undefined || row.region_code === scope) counted += 1;
      if (head && checked === head.rows) macAtHead = row.hash;
    }
  }
  if (head && checked < head.rows) {
    return broken(
      counted,
      head.lastId,
      null,
      `the newest rows are gone: the chain head kept outside the database records ${head.rows} rows, the table holds ${checked}`,
    );
  }
  if (head && macAtHead !== head.lastMac) {
    return broken(
      counted,
      head.lastId,
      null,
      "the row at the chain head's position carries another MAC than the head records: rows were replaced",
    );
  }
  return { ok: true, rowsChecked: counted, firstBroken: null };
}

/** The access log, for auditors (their region) and system admins (all). */
export async function listAuditLog(
  ctx: ServiceContext,
  actor: Actor,
  query: {
    regionCode?: string;
    entityType?: string;
    entityId?: string;
    actorUsername?: string;
    limit?: number;
  },
): Promise<AuditLogView[]> {
  if (actor.role !== "auditor" && actor.role !== "system_admin") {
    throw new AppError("forbidden", "Only auditors and system administrators may read the access log.");
  }
  const regionCode = actor.role === "auditor" ? (actor.regionCode ?? undefined) : query.regionCode;
  await appendPendingAudit(ctx);
  const rows = await findAuditRows(ctx.db, {
    regionCode,
    entityType: query.entityType,
    entityId: query.entityId,
    actorUsername: query.actorUsername,
    limit: Math.min(query.limit ?? 200, 1000),
  });
  await recordAuditNow(ctx, actor, {
    action: "audit.read",
    entityType: "audit_log",
    purpose: "GET /api/audit",
    details: { filters: { ...query, regionCode }, rows: rows.length },
  });
  return rows.map((row) => ({
    id: String(row.id),
    at: row.at.toISOString(),
    regionCode: row.region_code,
    actor: { userId: row.actor_user_id, username: row.actor_username, role: row.actor_role },
    action: row.action,
    entityType: row.entity_type,
    entityId: row.entity_id,
    purpose: row.purpose,
    details: row.details,
  }));
}
