import type { Selectable } from "kysely";
import { Temporal } from "temporal-polyfill";
import type { ContactsTable } from "../../db/schema.ts";
import { type ContactFacts, isProfessionCode, type ProfessionCode } from "../../domain/statistics/index.ts";

export type ContactRow = Selectable<ContactsTable>;

function instant(value: Date | string): Temporal.Instant {
  // A Date holds whole milliseconds: no need to print and parse it (every rollup delta reads several).
  return typeof value === "string"
    ? Temporal.Instant.from(value)
    : Temporal.Instant.fromEpochMilliseconds(value.getTime());
}

function optionalInstant(value: Date | string | null): Temporal.Instant | null {
  return value === null ? null : instant(value);
}

function profession(code: string | null): ProfessionCode | null {
  if (code === null) return null;
  // The column's check constraint admits only profession codes; anything else is a schema drift.
  if (!isProfessionCode(code)) throw new RangeError(`Unknown profession code "${code}".`);
  return code;
}

/**
 * A stored contact as the facts the accessibility measures read. The unit is identified by its id here
 * (the rollups key on unit_id); callers that need the HSA-id pass it.
 */
export function contactFactsFromRow(row: ContactRow, unitHsaId: string = String(row.unit_id)): ContactFacts {
  return {
    unitHsaId,
    channel: row.channel,
    result: row.result,
    receivedAt: instant(row.received_at),
    receiptDate: Temporal.PlainDate.from(row.receipt_date),
    serviceDay: Temporal.PlainDate.from(row.service_day),
    inPhoneHours: row.in_phone_hours,
    overflowed: row.overflowed,
    respondedAt: optionalInstant(row.responded_at),
    feedbackAt: optionalInstant(row.feedback_at),
    newProblem: row.new_problem,
    assessedAt: optionalInstant(row.assessed_at),
    assessedBy: profession(row.assessed_by),
    patientChosenWait: row.patient_chosen_wait,
  };
}
