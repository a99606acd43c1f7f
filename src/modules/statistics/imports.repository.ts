import { type Insertable, type Kysely, sql, type Transaction, type Updateable } from "kysely";
import type { Database, ImportJobsTable } from "../../db/schema.ts";
import {
  dayContributionsSql,
  hourContributionsSql,
  sumDaySql,
  sumHourSql,
  upsertDaySql,
  upsertHourSql,
} from "./rollups.repository.ts";

// Set-based merge of a batch of imported contacts: the batch is loaded into a temp staging table in one
// statement, then existing contacts (same unit and contact_id) are found through contact_index, the rollups
// move by the batch's delta (old rows −1, staged rows +1) in one grouped upsert, existing rows are updated
// and new rows inserted — a handful of statements per batch, whatever its size.

/** One imported contact as staged; dates and instants as ISO text. */
export interface StagedContact {
  line: number;
  external_id: string;
  unit_id: number;
  region_code: string;
  channel: string;
  result: string;
  received_at: string;
  receipt_date: string;
  service_day: string;
  in_phone_hours: boolean;
  responded_at: string | null;
  feedback_at: string | null;
  new_problem: boolean;
  assessed_at: string | null;
  assessed_by: string | null;
  patient_chosen_wait: boolean;
}

/** The staging table's columns, in the order of StagedContact (COPY relies on it). */
export const STAGE_COLUMNS = `line integer, external_id text, unit_id integer, region_code text, channel text, result text,
  received_at timestamptz, receipt_date date, service_day date, in_phone_hours boolean, responded_at timestamptz,
  feedback_at timestamptz, new_problem boolean, assessed_at timestamptz, assessed_by text,
  patient_chosen_wait boolean`;

/** The columns contributions are computed from, in a fixed order, for both old and staged rows. */
const FACT_COLUMNS = `region_code, unit_id, received_at, receipt_date, service_day, channel, result,
  in_phone_hours, overflowed, responded_at, feedback_at, new_problem, assessed_at, assessed_by,
  patient_chosen_wait`;

const FACT_UPDATES = [
  "region_code",
  "unit_id",
  "received_at",
  "channel",
  "result",
  "receipt_date",
  "service_day",
  "in_phone_hours",
  "responded_at",
  "feedback_at",
  "new_problem",
  "assessed_at",
  "assessed_by",
  "patient_chosen_wait",
];

export interface MergeCounts {
  imported: number;
  updated: number;
}

/** Creates the batch's staging table `import_stage` (dropped at commit) and loads `rows` into it. */
export type StageBatch = (trx: Transaction<Database>, rows: readonly StagedContact[]) => Promise<void>;

/** The portable stage: one multi-row insert from a JSON array (PGlite and PostgreSQL). */
export async function stageBatch(trx: Transaction<Database>, rows: readonly StagedContact[]): Promise<void> {
  await sql.raw(`create temp table import_stage (${STAGE_COLUMNS}) on commit drop`).execute(trx);
  await sql`insert into import_stage select * from json_populate_recordset(null::import_stage, ${JSON.stringify(rows)}::json)`.execute(
    trx,
  );
}

/**
 * Merges the staged batch (in `import_stage`) into contacts, contact_index and the rollups. A contact_id
 * repeated within the batch counts once as new (if it is) and as updated for every further row; the last
 * row wins, as if the rows had been imported one by one.
 */
export async function mergeStagedBatch(
  trx: Transaction<Database> | Kysely<Database>,
  at: Date,
): Promise<MergeCounts> {
  await sql
    .raw(
      `create temp table import_merge on commit drop as
       select distinct on (s.unit_id, s.external_id) s.*, ci.contact_id as existing_id,
         ci.received_at as existing_received_at, coalesce(ci.contact_id, gen_random_uuid()) as id
       from import_stage s
       left join contact_index ci on ci.unit_id = s.unit_id and ci.external_id = s.external_id
       order by s.unit_id, s.external_id, s.line desc`,
    )
    .execute(trx);
  const counts = await sql<{
    staged: string | number | bigint;
    fresh: string | number | bigint;
    merged: string | number | bigint;
  }>`
    select (select count(*) from import_stage) as staged,
      (select count(*) from import_merge where existing_id is null) as fresh,
      (select count(*) from import_merge) as merged`.execute(trx);
  const staged = Number(counts.rows[0]?.staged ?? 0);
  const fresh = Number(counts.rows[0]?.fresh ?? 0);
  const merged = Number(counts.rows[0]?.merged ?? 0);

  const updates = merged > fresh;
  // The temp table has no statistics yet; with them the planner looks old rows up by primary key (with
  // run-time partition pruning) instead of scanning every partition of contacts.
  if (updates) await sql`analyze import_merge`.execute(trx);
  // Rollup delta: the old versions of updated contacts out, every staged version in. A batch of only new
  // contacts (the common case) skips the lookup of old rows altogether.
  const oldColumns = FACT_COLUMNS.split(",")
    .map((c) => `c.${c.trim()}`)
    .join(", ");
  const oldRows = `select ${oldColumns}, -1 as sign from contacts c
        join import_merge m on c.id = m.existing_id and c.received_at = m.existing_received_at`;
  const newRows = `select ${FACT_COLUMNS.replace("overflowed", "false as overflowed")}, 1 as sign from import_merge`;
  const delta = updates ? `(${oldRows} union all ${newRows}) delta` : `(${newRows}) delta`;
  // The delta is summed now (the old rows are about to change) but added to the rollups last, just before
  // commit: the rollup rows' locks are then held for one statement, not for the whole merge, so batches
  // in flight on other connections that meet on a unit-day wait only briefly.
  await sql
    .raw(`create temp table import_day_delta on commit drop as ${sumDaySql(dayContributionsSql(delta))}`)
    .execute(trx);
  await sql
    .raw(`create temp table import_hour_delta on commit drop as ${sumHourSql(hourContributionsSql(delta))}`)
    .execute(trx);

  if (updates) {
    // An update may move a contact to another month (partition); PostgreSQL moves the row.
    // updated_at from the injected clock (`at`), not the database's: tests and replays move time.
    await sql`update contacts c set ${sql.raw(FACT_UPDATES.map((col) => `${col} = m.${col}`).join(", "))},
           overflowed = false, updated_at = ${at}
         from import_merge m
         where m.existing_id is not null and c.id = m.existing_id and c.received_at = m.existing_received_at`.execute(
      trx,
    );
    await sql
      .raw(
        `update contact_index ci set received_at = m.received_at, region_code = m.region_code
         from import_merge m where m.existing_id is not null and ci.contact_id = m.existing_id`,
      )
      .execute(trx);
  }
  await sql
    .raw(
      `insert into contacts (id, source, external_id, status, closed_reason, ${FACT_UPDATES.join(", ")})
       select id, 'import', external_id, 'closed', 'imported', ${FACT_UPDATES.join(", ")}
       from import_merge where existing_id is null`,
    )
    .execute(trx);
  await sql
    .raw(
      `insert into contact_index (contact_id, region_code, unit_id, received_at, external_id)
       select id, region_code, unit_id, received_at, external_id from import_merge where existing_id is null`,
    )
    .execute(trx);
  await sql.raw(upsertDaySql("select * from import_day_delta")).execute(trx);
  await sql.raw(upsertHourSql("select * from import_hour_delta")).execute(trx);
  return { imported: fresh, updated: staged - fresh };
}

/** Units with what their calendars need, of one region or of all. */
export async function findUnitCalendars(db: Kysely<Database>, regionCode: string | undefined) {
  let query = db
    .selectFrom("units")
    .select(["id", "hsa_id", "region_code", "phone_hours", "opening_hours", "closed_dates", "open_dates"]);
  if (regionCode !== undefined) query = query.where("region_code", "=", regionCode);
  return query.execute();
}

export async function insertImportJob(db: Kysely<Database>, job: Insertable<ImportJobsTable>): Promise<void> {
  await db.insertInto("import_jobs").values(job).execute();
}

export async function updateImportJob(
  db: Kysely<Database>,
  id: string,
  change: Updateable<ImportJobsTable>,
): Promise<void> {
  await db.updateTable("import_jobs").set(change).where("id", "=", id).execute();
}

export async function findImportJob(db: Kysely<Database>, id: string) {
  return db.selectFrom("import_jobs").selectAll().where("id", "=", id).executeTakeFirst();
}
