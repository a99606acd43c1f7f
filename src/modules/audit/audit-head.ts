import { mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
import { type Kysely, sql } from "kysely";
import type { Database } from "../../db/schema.ts";
import type { AuditHeadSink, Logger } from "../../lib/context.ts";

/**
 * The chain's head kept outside the database: how many rows the access log had and the MAC of the
 * newest. Someone who can delete the newest rows (and recompute nothing, since the chain is keyed) could
 * otherwise make the log end earlier and still verify; with the head, `audit verify` sees the gap.
 * The head is also written to the log, so a copy lives wherever the logs are shipped.
 */
export interface AuditHead {
  rows: number;
  lastId: string;
  lastMac: string;
}

export function readAuditHead(file: string): AuditHead | null {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return null;
    throw error;
  }
  const parsed = JSON.parse(text) as Partial<AuditHead>;
  if (
    typeof parsed.rows !== "number" ||
    typeof parsed.lastId !== "string" ||
    typeof parsed.lastMac !== "string"
  ) {
    throw new Error(`The audit head file ${file} is not a valid head.`);
  }
  return { rows: parsed.rows, lastId: parsed.lastId, lastMac: parsed.lastMac };
}

/**
 * Follows the committed chain and rewrites the head file. Appends notify it; it reads what has been
 * committed (never a row of a transaction that may still roll back), shortly after, in one batch.
 */
const HEAD_LOG_INTERVAL_MS = 60_000;

export class AuditHeadKeeper implements AuditHeadSink {
  private head: AuditHead | null = null;
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<AuditHead | null> = Promise.resolve(null);

  private readonly db: Kysely<Database>;
  readonly file: string;
  private readonly logger: Logger;

  constructor(db: Kysely<Database>, file: string, logger: Logger) {
    this.db = db;
    this.file = file;
    this.logger = logger;
  }

  notify(): void {
    if (this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.bringUpToDate(false).catch((error) =>
        this.logger.error({ err: error }, "could not write the audit head"),
      );
    }, 100);
    this.timer.unref();
  }

  /** Brings the head file up to the committed chain now, and logs the head; runs one at a time. */
  flush(): Promise<AuditHead | null> {
    return this.bringUpToDate(true);
  }

  private bringUpToDate(logAlways: boolean): Promise<AuditHead | null> {
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = undefined;
    }
    this.running = this.running.catch(() => null).then(() => this.update(logAlways));
    return this.running;
  }

  private loggedAt = 0;

  private broken = false;

  private async update(logAlways: boolean): Promise<AuditHead | null> {
    if (this.broken) return null;
    if (this.head === null && !(await this.existingHeadHolds())) return null;
    const afterId = this.head?.lastId ?? "0";
    const added = await sql<{ rows: string; last_id: string | null }>`
      select count(*)::text as rows, max(id)::text as last_id from audit_log where id > ${afterId}`.execute(
      this.db,
    );
    const summary = added.rows[0];
    if (!summary || summary.last_id === null) return this.head;
    const last = await this.db
      .selectFrom("audit_log")
      .select("hash")
      .where("id", "=", summary.last_id)
      .executeTakeFirstOrThrow();
    const head: AuditHead = {
      rows: (this.head?.rows ?? 0) + Number(summary.rows),
      lastId: summary.last_id,
      lastMac: last.hash,
    };
    mkdirSync(dirname(this.file), { recursive: true });
    const temporary = `${this.file}.${process.pid}.tmp`;
    writeFileSync(temporary, `${JSON.stringify(head)}\n`, { mode: 0o600 });
    renameSync(temporary, this.file);
    this.head = head;
    // The file follows every commit; the log's copy at most once a minute (and at a flush), so a busy
    // start does not bury the log in head lines. The file is what `audit verify` checks against.
    if (logAlways || Date.now() - this.loggedAt >= HEAD_LOG_INTERVAL_MS) {
      this.loggedAt = Date.now();
      this.logger.info({ auditHead: head }, "audit chain head");
    }
    return head;
  }

  /**
   * A head left by an earlier process must still be in the chain; if rows it covers are gone, the file is
   * evidence and is never overwritten (`audit verify` reports it).
   */
  private async existingHeadHolds(): Promise<boolean> {
    const previous = readAuditHead(this.file);
    if (!previous) return true;
    const found = await sql<{ rows: string; hash: string | null }>`
      select (select count(*) from audit_log where id <= ${previous.lastId})::text as rows,
             (select hash from audit_log where id = ${previous.lastId}) as hash`.execute(this.db);
    const row = found.rows[0];
    if (row && Number(row.rows) === previous.rows && row.hash === previous.lastMac) {
      this.head = previous;
      return true;
    }
    this.broken = true;
    this.logger.error(
      { auditHead: previous, file: this.file },
      "the access log no longer holds the rows its head file records; the head file is kept as evidence",
    );
    return false;
  }
}
