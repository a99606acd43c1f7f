import { randomUUID } from "node:crypto";
import type { Kysely } from "kysely";
import type { Database } from "../../db/schema.ts";
import { IMPORT_FORMATS, type ImportFormat } from "../../domain/imports/formats.ts";
import {
  type ContactImportRow,
  createContactFileReader,
  createQueueLogParser,
} from "../../domain/imports/index.ts";
import { AppError } from "../../errors.ts";
import { type Actor, assertRegionAccess, assertRole } from "../../lib/actor.ts";
import type { ServiceContext } from "../../lib/context.ts";
import { recordAudit } from "../audit/audit.service.ts";
import { findUnitByHsaId } from "../regions/regions.repository.ts";
import { unitCalendarOf } from "../regions/regions.service.ts";
import type { ImportLane } from "./copy-staging.ts";
import {
  findImportJob,
  findUnitCalendars,
  insertImportJob,
  mergeStagedBatch,
  type StageBatch,
  type StagedContact,
  stageBatch,
  updateImportJob,
} from "./imports.repository.ts";
import { UnitCalendarCache } from "./unit-calendar-cache.ts";

export { IMPORT_FORMATS, type ImportFormat };

/** Rejections kept for the job record and the HTTP answer; the counts stay exact beyond it. */
export const MAX_STORED_REJECTIONS = 1000;
const DEFAULT_BATCH_SIZE = 5000;

export interface ImportSummary {
  read: number;
  imported: number;
  updated: number;
  rejected: number;
}

export interface Rejection {
  line: number;
  reason: string;
}

export interface ContactImportOptions {
  format: ImportFormat;
  /** The unit of an Asterisk queue_log (required there); for CSV files, every row must belong to it. */
  unitHsaId?: string | undefined;
  /** Rows of units outside this region are rejected (HTTP imports by a region admin). */
  regionCode?: string | undefined;
  /** Each rejected row, in file order, as soon as it is known (the CLI prints it to stderr). */
  onRejected?: (rejection: Rejection) => void;
  /** After every committed batch. */
  onProgress?: (summary: ImportSummary, rejections: readonly Rejection[]) => Promise<void> | void;
  batchSize?: number;
  /** How a batch is staged: default one JSON multi-row insert; on PostgreSQL COPY (copy-staging.ts). */
  stage?: StageBatch;
  /**
   * Connections to write batches on, several in flight (copy-staging.ts); default one lane over ctx.db
   * with `stage`. Rejections, summaries and the result do not depend on the number of lanes.
   */
  lanes?: readonly ImportLane[];
}

interface KnownUnit {
  id: number;
  regionCode: string;
}

async function loadUnits(db: Kysely<Database>, regionCode: string | undefined) {
  const rows = await findUnitCalendars(db, regionCode);
  const byHsa = new Map<string, KnownUnit>(
    rows.map((r) => [r.hsa_id, { id: r.id, regionCode: r.region_code }]),
  );
  const calendars = new UnitCalendarCache(rows.map((r) => [r.id, unitCalendarOf(r)]));
  return { byHsa, calendars };
}

const iso = (epochMs: number | null): string | null =>
  epochMs === null ? null : new Date(epochMs).toISOString();

/**
 * Imports a contact file (FORMATS.md "Contact file") from text chunks, streaming: it holds one batch of
 * valid rows (default 5 000) and the first 1 000 rejections, whatever the file's size. Each batch is one
 * transaction (staged, then merged set-based, rollups by delta), so an interrupted import keeps whole
 * batches and a re-run updates them — import is idempotent by unit and contact_id.
 */
export async function importContacts(
  ctx: ServiceContext,
  chunks: AsyncIterable<string> | Iterable<string>,
  options: ContactImportOptions,
): Promise<{ summary: ImportSummary; rejections: Rejection[] }> {
  const { byHsa, calendars } = await loadUnits(ctx.db, options.regionCode);
  let fixedUnit: KnownUnit | null = null;
  if (options.unitHsaId !== undefined) {
    fixedUnit = byHsa.get(options.unitHsaId) ?? null;
    if (fixedUnit === null) {
      throw new AppError(
        "not_found",
        options.regionCode === undefined
          ? `Unit ${options.unitHsaId} is not known.`
          : `Unit ${options.unitHsaId} is not a unit of region ${options.regionCode}.`,
        { unitHsaId: options.unitHsaId },
      );
    }
  }
  if (options.format === "asterisk-queue-log" && options.unitHsaId === undefined) {
    throw new AppError("bad_request", "An asterisk-queue-log import needs --unit HSA-ID.");
  }

  const summary: ImportSummary = { read: 0, imported: 0, updated: 0, rejected: 0 };
  const rejections: Rejection[] = [];
  const batchSize = options.batchSize ?? DEFAULT_BATCH_SIZE;
  let batch: StagedContact[] = [];

  const reject = (line: number, reason: string) => {
    summary.rejected += 1;
    const rejection = { line, reason };
    if (rejections.length < MAX_STORED_REJECTIONS) rejections.push(rejection);
    options.onRejected?.(rejection);
  };

  const accept = (line: number, row: ContactImportRow) => {
    const unit = byHsa.get(row.unitHsaId);
    if (unit === undefined) {
      reject(
        line,
        options.regionCode === undefined
          ? `unit_hsa_id ${row.unitHsaId} is not a known unit.`
          : `unit_hsa_id ${row.unitHsaId} is not a unit of region ${options.regionCode}.`,
      );
      return;
    }
    if (fixedUnit !== null && unit !== fixedUnit) {
      reject(line, `unit_hsa_id ${row.unitHsaId} is not the unit given with --unit (${options.unitHsaId}).`);
      return;
    }
    const placed = calendars.place(unit.id, row.channel, row.receivedAt);
    if (placed.serviceDay === null) {
      reject(
        line,
        `Unit ${row.unitHsaId} has no open day after ${placed.receiptDate}, so the contact has no service day.`,
      );
      return;
    }
    batch.push({
      line,
      external_id: row.contactId,
      unit_id: unit.id,
      region_code: unit.regionCode,
      channel: row.channel,
      result: row.result,
      received_at: new Date(row.receivedAt).toISOString(),
      receipt_date: placed.receiptDate,
      service_day: placed.serviceDay,
      in_phone_hours: placed.inHours,
      responded_at: iso(row.respondedAt),
      feedback_at: iso(row.feedbackAt),
      new_problem: row.newProblem,
      assessed_at: iso(row.assessedAt),
      assessed_by: row.assessedBy,
      patient_chosen_wait: row.patientChosenWait,
    });
  };

  // Batches are written on `lanes` (separate connections on PostgreSQL, so several batches are in flight
  // while the next is parsed). Two rules keep the result that of importing the rows one by one, in file
  // order: a batch that names a contact (unit, contact_id) of a batch still in flight waits for it, so
  // concurrent batches touch disjoint contacts; and the rollup upserts take their row locks in key order
  // (rollups.repository.ts), so batches meeting on a unit-day queue instead of deadlocking.
  const lanes: ImportLane[] =
    options.lanes !== undefined && options.lanes.length > 0
      ? [...options.lanes]
      : [{ db: ctx.db, stage: options.stage ?? stageBatch }];
  const free = [...lanes];
  const inFlight = new Set<{ keys: Set<string>; done: Promise<void> }>();
  // The first failed batch; an object so the checks below are not narrowed away (it is set in callbacks).
  const failed: { error?: unknown; yes: boolean } = { yes: false };
  const write = async (lane: ImportLane, rows: StagedContact[]) => {
    const counts = await lane.db.transaction().execute(async (trx) => {
      await lane.stage(trx, rows);
      return mergeStagedBatch(trx, new Date(ctx.clock.now().epochMilliseconds));
    });
    summary.imported += counts.imported;
    summary.updated += counts.updated;
    await options.onProgress?.(summary, rejections);
  };
  const flush = async () => {
    if (failed.yes) throw failed.error;
    if (batch.length === 0) return;
    const rows = batch;
    batch = [];
    const keys = new Set<string>();
    for (const row of rows) keys.add(`${row.unit_id}|${row.external_id}`);
    for (const other of [...inFlight]) {
      for (const key of keys) {
        if (other.keys.has(key)) {
          await other.done;
          break;
        }
      }
    }
    while (free.length === 0) await Promise.race([...inFlight].map((f) => f.done));
    if (failed.yes) throw failed.error;
    const lane = free.pop() as ImportLane;
    const entry = { keys, done: Promise.resolve() };
    entry.done = write(lane, rows).then(
      () => {
        inFlight.delete(entry);
        free.push(lane);
      },
      (error: unknown) => {
        // Kept for the next flush or the drain, without an unhandled rejection meanwhile.
        if (!failed.yes) Object.assign(failed, { yes: true, error });
        inFlight.delete(entry);
        free.push(lane);
      },
    );
    inFlight.add(entry);
  };
  const drain = async () => {
    await flush();
    while (inFlight.size > 0) await Promise.race([...inFlight].map((f) => f.done));
    if (failed.yes) throw failed.error;
  };

  if (options.format === "vardnav-contacts-v1") {
    const reader = createContactFileReader();
    let fileRejected: string | null = null;
    const handle = async (items: ReturnType<typeof reader.push>) => {
      for (const item of items) {
        if (item.kind === "file-rejected") {
          fileRejected = item.reason;
          continue;
        }
        summary.read += 1;
        if (item.kind === "rejected") reject(item.line, item.reason);
        else accept(item.line, item.row);
        if (batch.length >= batchSize) await flush();
      }
    };
    for await (const chunk of chunks) await handle(reader.push(chunk));
    await handle(reader.end());
    if (fileRejected !== null) throw new AppError("validation_failed", fileRejected);
  } else {
    const parser = createQueueLogParser({ unitHsaId: options.unitHsaId as string });
    const handle = async (items: ReturnType<typeof parser.push>) => {
      for (const item of items) {
        summary.read += 1;
        if (item.kind === "rejected") reject(item.line, item.reason);
        else accept(item.line, item.row);
        if (batch.length >= batchSize) await flush();
      }
    };
    for await (const chunk of chunks) await handle(parser.push(chunk));
    await handle(parser.end());
  }
  await drain();
  return { summary, rejections };
}

// ---- Import jobs (HTTP): the upload is accepted, the import runs in the background and reports progress.

export interface ImportJobView extends ImportSummary {
  id: string;
  status: "running" | "done" | "failed";
  format: ImportFormat;
  error: string | null;
  rejections: Rejection[];
}

/**
 * Starts an import of `text` for a region admin and returns its id at once; `done` resolves when the
 * background work has ended (tests and graceful shutdown wait on it). Progress is written to import_jobs
 * after every batch; failures end as status "failed" with the message.
 */
export async function startContactImport(
  ctx: ServiceContext,
  actor: Actor,
  input: {
    text: string;
    format: ImportFormat;
    unitHsaId?: string | undefined;
    regionCode?: string | undefined;
  },
): Promise<{ importId: string; done: Promise<void> }> {
  assertRole(actor, ["region_admin", "system_admin"], "import contacts");
  const regionCode = input.regionCode ?? actor.regionCode;
  if (regionCode === null || regionCode === undefined) {
    throw new AppError("bad_request", "Say which region the import is for (?region=CODE).");
  }
  assertRegionAccess(actor, regionCode);
  let unitId: number | null = null;
  if (input.unitHsaId !== undefined) {
    const unit = await findUnitByHsaId(ctx.db, input.unitHsaId);
    if (unit === undefined || unit.region_code !== regionCode) {
      throw new AppError("not_found", `Unit ${input.unitHsaId} is not a unit of region ${regionCode}.`);
    }
    unitId = unit.id;
  }
  if (input.format === "asterisk-queue-log" && unitId === null) {
    throw new AppError("bad_request", "An asterisk-queue-log import needs ?unit=HSA-ID.");
  }
  const id = randomUUID();
  await ctx.db.transaction().execute(async (trx) => {
    await insertImportJob(trx, {
      id,
      region_code: regionCode,
      unit_id: unitId,
      format: input.format,
      created_by: actor.username,
    });
    await recordAudit(trx, ctx, actor, {
      action: "import.contacts.start",
      entityType: "import_job",
      entityId: id,
      regionCode,
      purpose: "import contact file",
      details: { format: input.format, unitHsaId: input.unitHsaId ?? null, bytes: input.text.length },
    });
  });

  const writeProgress = async (summary: ImportSummary, rejections: readonly Rejection[], status?: "done") => {
    await updateImportJob(ctx.db, id, {
      read: summary.read,
      imported: summary.imported,
      updated: summary.updated,
      rejected: summary.rejected,
      rejections: JSON.stringify(rejections),
      ...(status ? { status, finished_at: new Date(ctx.clock.now().epochMilliseconds) } : {}),
    });
  };

  const done = (async () => {
    try {
      const result = await importContacts(ctx, textChunks(input.text), {
        format: input.format,
        unitHsaId: input.unitHsaId,
        regionCode,
        onProgress: (summary, rejections) => writeProgress(summary, rejections),
      });
      await writeProgress(result.summary, result.rejections, "done");
    } catch (error) {
      ctx.logger.warn({ err: error, importId: id }, "contact import failed");
      await updateImportJob(ctx.db, id, {
        status: "failed",
        error: error instanceof AppError ? error.message : "The import failed; see the server log.",
        finished_at: new Date(ctx.clock.now().epochMilliseconds),
      }).catch(() => {});
    }
  })();
  return { importId: id, done };
}

/** The text in 256 KiB pieces, so the background import yields between batches like a stream. */
function* textChunks(text: string): Generator<string> {
  const size = 256 * 1024;
  for (let i = 0; i < text.length; i += size) yield text.slice(i, i + size);
}

export async function getImportJob(ctx: ServiceContext, actor: Actor, id: string): Promise<ImportJobView> {
  assertRole(actor, ["region_admin", "system_admin"], "see contact imports");
  const job = await findImportJob(ctx.db, id);
  if (job === undefined) throw new AppError("not_found", `No import ${id}.`);
  assertRegionAccess(actor, job.region_code);
  return {
    id: job.id,
    status: job.status,
    format: job.format,
    error: job.error,
    read: job.read,
    imported: job.imported,
    updated: job.updated,
    rejected: job.rejected,
    rejections: job.rejections,
  };
}
