import { type Kysely, sql, type Transaction } from "kysely";
import type { Database } from "../../db/schema.ts";
import { STOCKHOLM } from "../../domain/calendar/index.ts";
import {
  type AccessibilityCounters,
  contactContributions,
  emptyCounters,
  LICENSED_PROFESSIONS,
} from "../../domain/statistics/index.ts";
import { type ContactRow, contactFactsFromRow } from "./contact-facts.ts";

export type { ContactRow } from "./contact-facts.ts";

// The rollups (migration 0006) are maintained by delta: when a contact row changes, its old contributions
// are subtracted and its new ones added, with `insert … on conflict do update set col = col + excluded.col`.
// Two writers touching the same unit-day serialize on that row's lock and never lose an update; nothing
// here ever scans contacts. `rebuildRollups` is the one full recompute, for `vardnav stats rebuild`.

/** Counter columns of stats_unit_day in the order of AccessibilityCounters. */
export const DAY_COLUMNS = [
  ["offered", "offered"],
  ["answeredSameDay", "answered_same_day"],
  ["eligible", "eligible"],
  ["within0", "within0"],
  ["within3", "within3"],
  ["within7", "within7"],
  ["patientChosen", "patient_chosen"],
  ["contacts", "contacts"],
  ["refused", "refused"],
  ["overflowed", "overflowed"],
  ["respondedSameDay", "responded_same_day"],
  ["feedbackSameDay", "feedback_same_day"],
] as const satisfies readonly (readonly [keyof AccessibilityCounters, string])[];

interface DayDelta {
  regionCode: string;
  unitId: number;
  day: string;
  counters: AccessibilityCounters;
}

interface HourDelta {
  regionCode: string;
  unitId: number;
  day: string;
  hour: number;
  contacts: number;
  unanswered: number;
}

// Building an Intl.DateTimeFormat costs far more than formatting with one; every contact change needs it.
const stockholmHourFormat = new Intl.DateTimeFormat("en-GB", {
  timeZone: STOCKHOLM,
  hour: "2-digit",
  hourCycle: "h23",
});

function stockholmHour(value: Date | string): number {
  const date = typeof value === "string" ? new Date(value) : value;
  return Number(stockholmHourFormat.format(date));
}

function collect(
  row: ContactRow,
  sign: 1 | -1,
  days: Map<string, DayDelta>,
  hours: Map<string, HourDelta>,
): void {
  const contribution = contactContributions(contactFactsFromRow(row));
  const addDay = (day: string, part: Partial<AccessibilityCounters>) => {
    const key = `${row.region_code}|${row.unit_id}|${day}`;
    let entry = days.get(key);
    if (entry === undefined) {
      entry = { regionCode: row.region_code, unitId: row.unit_id, day, counters: emptyCounters() };
      days.set(key, entry);
    }
    for (const [name, value] of Object.entries(part) as [keyof AccessibilityCounters, number][]) {
      entry.counters[name] += sign * value;
    }
  };
  addDay(contribution.receiptDate.toString(), contribution.byReceipt);
  addDay(contribution.serviceDay.toString(), contribution.byServiceDay);

  const hour = stockholmHour(row.received_at);
  const hourKey = `${row.region_code}|${row.unit_id}|${row.receipt_date}|${hour}`;
  let entry = hours.get(hourKey);
  if (entry === undefined) {
    entry = {
      regionCode: row.region_code,
      unitId: row.unit_id,
      day: row.receipt_date,
      hour,
      contacts: 0,
      unanswered: 0,
    };
    hours.set(hourKey, entry);
  }
  entry.contacts += sign;
  entry.unanswered += sign * (1 - contribution.byServiceDay.respondedSameDay);
}

function rollupDeltas(before: ContactRow | null, after: ContactRow | null) {
  const days = new Map<string, DayDelta>();
  const hours = new Map<string, HourDelta>();
  if (before !== null) collect(before, -1, days, hours);
  if (after !== null) collect(after, 1, days, hours);
  return {
    dayRows: [...days.values()].filter((d) => Object.values(d.counters).some((v) => v !== 0)),
    hourRows: [...hours.values()].filter((h) => h.contacts !== 0 || h.unanswered !== 0),
  };
}

/**
 * The same deltas as applyContactRollupDelta, as rows with the rollup tables' column names, for SQL that
 * applies them itself (the intake_contact function of migration 0034).
 */
export function rollupDeltaRows(
  before: ContactRow | null,
  after: ContactRow | null,
): { days: Record<string, string | number>[]; hours: Record<string, string | number>[] } {
  const { dayRows, hourRows } = rollupDeltas(before, after);
  return {
    days: dayRows.map((d) => {
      const row: Record<string, string | number> = {
        region_code: d.regionCode,
        unit_id: d.unitId,
        day: d.day,
      };
      for (const [name, column] of DAY_COLUMNS) row[column] = d.counters[name];
      return row;
    }),
    hours: hourRows.map((h) => ({
      region_code: h.regionCode,
      unit_id: h.unitId,
      day: h.day,
      hour: h.hour,
      contacts: h.contacts,
      unanswered: h.unanswered,
    })),
  };
}

/**
 * Moves the rollups from `before`'s contributions to `after`'s (docs/ARCHITECTURE.md "Same-day contacts" and "Accessibility statistics"). Call it in the
 * same transaction as every insert (before = null), update, or delete (after = null) of a contact row.
 * Throws a RangeError for a row the definitions cannot count (see contactFactsProblem).
 */
export async function applyContactRollupDelta(
  trx: Transaction<Database> | Kysely<Database>,
  before: ContactRow | null,
  after: ContactRow | null,
): Promise<void> {
  const { dayRows, hourRows } = rollupDeltas(before, after);

  if (dayRows.length > 0) {
    await trx
      .insertInto("stats_unit_day")
      .values(
        dayRows.map((d) => {
          const values: Record<string, string | number> = {
            region_code: d.regionCode,
            unit_id: d.unitId,
            day: d.day,
          };
          for (const [name, column] of DAY_COLUMNS) values[column] = d.counters[name];
          return values as never;
        }),
      )
      .onConflict((oc) =>
        oc
          .columns(["region_code", "unit_id", "day"])
          .doUpdateSet(
            Object.fromEntries(
              DAY_COLUMNS.map(([, column]) => [
                column,
                sql`stats_unit_day.${sql.ref(column)} + excluded.${sql.ref(column)}`,
              ]),
            ) as never,
          ),
      )
      .execute();
  }
  if (hourRows.length > 0) {
    await trx
      .insertInto("stats_unit_hour")
      .values(
        hourRows.map((h) => ({
          region_code: h.regionCode,
          unit_id: h.unitId,
          day: h.day,
          hour: h.hour,
          contacts: h.contacts,
          unanswered: h.unanswered,
        })),
      )
      .onConflict((oc) =>
        oc.columns(["region_code", "unit_id", "day", "hour"]).doUpdateSet({
          contacts: sql`stats_unit_hour.contacts + excluded.contacts`,
          unanswered: sql`stats_unit_hour.unanswered + excluded.unanswered`,
        }),
      )
      .execute();
  }
}

const stockholmDateSql = (column: string) => `(${column} at time zone '${STOCKHOLM}')::date`;
const LICENSED_LIST = LICENSED_PROFESSIONS.map((p) => `'${p}'`).join(", ");

/**
 * SQL that turns a relation of contact rows (`source`, with the contacts columns and a `sign` column of
 * 1 or −1) into unit-day contribution rows: the set-based twin of contactContributions, used by imports and
 * rebuild. The property test (rollups.property.test.ts) holds the two to the same answers.
 */
export function dayContributionsSql(source: string): string {
  const offered = `(channel = 'phone' and in_phone_hours and result <> 'refused')`;
  const assessedDays = `case when new_problem and not patient_chosen_wait and assessed_at is not null
      and assessed_by in (${LICENSED_LIST}) then ${stockholmDateSql("assessed_at")} - receipt_date end`;
  const receiptColumns = [
    `sign * (${offered})::int`,
    `sign * (${offered} and responded_at is not null and ${stockholmDateSql("responded_at")} <= receipt_date)::int`,
    `sign * (new_problem and not patient_chosen_wait)::int`,
    `sign * coalesce((${assessedDays}) <= 0, false)::int`,
    `sign * coalesce((${assessedDays}) <= 3, false)::int`,
    `sign * coalesce((${assessedDays}) <= 7, false)::int`,
    `sign * (new_problem and patient_chosen_wait)::int`,
    "0",
    "0",
    "0",
    "0",
    "0",
  ];
  const serviceColumns = [
    "0",
    "0",
    "0",
    "0",
    "0",
    "0",
    "0",
    "sign",
    `sign * (result = 'refused')::int`,
    `sign * overflowed::int`,
    `sign * (result <> 'refused' and responded_at is not null and ${stockholmDateSql("responded_at")} <= service_day)::int`,
    `sign * (result <> 'refused' and feedback_at is not null and ${stockholmDateSql("feedback_at")} <= service_day)::int`,
  ];
  const names = DAY_COLUMNS.map(([, column]) => column);
  const select = (day: string, columns: string[]) =>
    `select region_code, unit_id, ${day} as day, ${columns.map((c, i) => `${c} as ${names[i]}`).join(", ")} from ${source}`;
  return `${select("receipt_date", receiptColumns)} union all ${select("service_day", serviceColumns)}`;
}

/** Heatmap contributions of `source` (as dayContributionsSql): receipt date and Stockholm hour. */
export function hourContributionsSql(source: string): string {
  return `select region_code, unit_id, receipt_date as day,
      extract(hour from received_at at time zone '${STOCKHOLM}')::smallint as hour, sign as contacts,
      sign * (not (result <> 'refused' and responded_at is not null
        and ${stockholmDateSql("responded_at")} <= service_day))::int as unanswered
    from ${source}`;
}

/** `contributions` summed per unit-day (stats_unit_day's key and columns). */
export function sumDaySql(contributions: string, dayFilter = "true"): string {
  const names = DAY_COLUMNS.map(([, column]) => column);
  return `select region_code, unit_id, day, ${names.map((n) => `sum(${n}) as ${n}`).join(", ")}
    from (${contributions}) contributions where ${dayFilter}
    group by region_code, unit_id, day`;
}

/** `contributions` summed per unit-day and Stockholm hour (stats_unit_hour's key and columns). */
export function sumHourSql(contributions: string, dayFilter = "true"): string {
  return `select region_code, unit_id, day, hour, sum(contacts) as contacts, sum(unanswered) as unanswered
    from (${contributions}) contributions where ${dayFilter}
    group by region_code, unit_id, day, hour`;
}

// The upserts insert in key order, so they take the rollup rows' locks in key order: transactions that
// upsert overlapping unit-days (an import's batches in flight on several connections) wait for one
// another instead of deadlocking.

/** `insert … select` summing `contributions` into stats_unit_day by delta. */
export function upsertDaySql(contributions: string, dayFilter = "true"): string {
  const names = DAY_COLUMNS.map(([, column]) => column);
  return `insert into stats_unit_day (region_code, unit_id, day, ${names.join(", ")})
    ${sumDaySql(contributions, dayFilter)}
    order by region_code, unit_id, day
    on conflict (region_code, unit_id, day) do update set
      ${names.map((n) => `${n} = stats_unit_day.${n} + excluded.${n}`).join(", ")}`;
}

/** `insert … select` summing heatmap `contributions` into stats_unit_hour by delta. */
export function upsertHourSql(contributions: string, dayFilter = "true"): string {
  return `insert into stats_unit_hour (region_code, unit_id, day, hour, contacts, unanswered)
    ${sumHourSql(contributions, dayFilter)}
    order by region_code, unit_id, day, hour
    on conflict (region_code, unit_id, day, hour) do update set
      contacts = stats_unit_hour.contacts + excluded.contacts,
      unanswered = stats_unit_hour.unanswered + excluded.unanswered`;
}

export interface RebuildResult {
  dayRows: number;
  hourRows: number;
}

/**
 * Recomputes the rollup rows of `regionCode` with dates in [from, to] from raw contacts. Day rows hold
 * receipt-date and service-day counters, so contacts are selected by either date; the received_at bounds
 * let PostgreSQL prune monthly partitions (a service day is never more than OPEN_DAY_SEARCH_DAYS after
 * the receipt, in practice a few days).
 */
export async function rebuildRollups(
  trx: Transaction<Database>,
  regionCode: string,
  from: string,
  to: string,
): Promise<RebuildResult> {
  await trx
    .deleteFrom("stats_unit_day")
    .where("region_code", "=", regionCode)
    .where("day", ">=", from)
    .where("day", "<=", to)
    .execute();
  await trx
    .deleteFrom("stats_unit_hour")
    .where("region_code", "=", regionCode)
    .where("day", ">=", from)
    .where("day", "<=", to)
    .execute();
  // Embedded as literals (the scripts are built as text); validated so nothing else gets in.
  if (!/^[0-9A-Za-z]{1,8}$/.test(regionCode)) throw new RangeError(`Invalid region code "${regionCode}".`);
  for (const date of [from, to]) {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) throw new RangeError(`Invalid date "${date}".`);
  }
  const region = `'${regionCode}'`;
  const fromLit = `'${from}'::date`;
  const toLit = `'${to}'::date`;
  const source = `(select c.*, 1 as sign from contacts c where c.region_code = ${region}
      and (c.service_day between ${fromLit} and ${toLit}
        or (c.receipt_date between ${fromLit} and ${toLit}
          and c.received_at >= (${fromLit} - 1)::timestamp at time zone 'UTC'
          and c.received_at < (${toLit} + 2)::timestamp at time zone 'UTC'))) rebuilt`;
  const inRange = `day between ${fromLit} and ${toLit}`;
  const days = await sql.raw(upsertDaySql(dayContributionsSql(source), inRange)).execute(trx);
  const hourRows = await sql.raw(upsertHourSql(hourContributionsSql(source), inRange)).execute(trx);
  return { dayRows: Number(days.numAffectedRows ?? 0), hourRows: Number(hourRows.numAffectedRows ?? 0) };
}
