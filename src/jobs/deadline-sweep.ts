import { Temporal } from "temporal-polyfill";
import { formatStockholmTime } from "../domain/calendar/index.ts";
import type { ServiceContext } from "../lib/context.ts";
import { publishContactChanges } from "../modules/contacts/change-bus.ts";
import {
  appendContactEvent,
  type ContactRow,
  type ContactWork,
  findBackupUnitIds,
  findUnitsByIds,
  saveContactChange,
} from "../modules/contacts/contacts.repository.ts";
import { insertStaffAlert } from "../modules/notifications/alerts.repository.ts";

export const DEADLINE_SWEEP_JOB = "vardnav-deadline-sweep";
const SWEEP_ACTOR = "system:deadline-sweep";
/** Rows handled per transaction; the sweep loops until none are left, so a backlog does not hold one huge lock. */
const BATCH = 200;

export interface SweepResult {
  atRisk: number;
  missed: number;
  alerts: number;
}

function deadlineText(deadline: Date): string {
  return formatStockholmTime(Temporal.Instant.fromEpochMilliseconds(deadline.getTime()));
}

export function atRiskMessage(deadline: Date, backupName: string | null): string {
  const suggestion = backupName
    ? ` Överväg att låta reservteamet (${backupName}) ta över kontakten.`
    : " Överväg att be regionens reservteam om hjälp.";
  return `En obesvarad kontakt närmar sig sin tidsgräns kl ${deadlineText(deadline)}.${suggestion}`;
}

export function missedMessage(deadline: Date): string {
  return `En kontakt blev inte besvarad före tidsgränsen kl ${deadlineText(deadline)}: samma-dagslöftet missades. Ring upp så snart som möjligt.`;
}

/**
 * The deadline sweep (issue 3 "Deadline sweep"), run every minute. An open, unanswered contact whose deadline
 * is at most `atRiskMinutes` away is marked at risk (contacts.at_risk_at) and its unit's managers get an alert
 * that suggests the region's backup team; one whose deadline has passed unanswered is recorded as a missed
 * same-day promise (contacts.missed_at) with an alert too. Both are contact events and go through the
 * contacts repository's saveContactChange, so the statistics rollups and the live worklists follow.
 * `for update skip locked` lets two servers sweep at once without doing the same contact twice.
 */
export async function runDeadlineSweep(
  ctx: ServiceContext,
  options: { atRiskMinutes: number },
): Promise<SweepResult> {
  const total: SweepResult = { atRisk: 0, missed: 0, alerts: 0 };
  const now = ctx.clock.now();
  const nowDate = new Date(now.epochMilliseconds);
  const horizon = new Date(now.epochMilliseconds + options.atRiskMinutes * 60_000);
  const backupNames = new Map<string, { id: number; name: string } | null>();

  for (;;) {
    const changed: ContactWork["changed"] = [];
    const handled = await ctx.db.transaction().execute(async (trx) => {
      const work: ContactWork = { trx, clock: ctx.clock, keyring: ctx.keyring, changed };
      const rows = await trx
        .selectFrom("contacts")
        .selectAll()
        .where("status", "=", "open")
        .where("responded_at", "is", null)
        .where("deadline", "is not", null)
        .where("deadline", "<=", horizon)
        .where((eb) =>
          eb.or([
            eb.and([eb("deadline", ">", nowDate), eb("at_risk_at", "is", null)]),
            eb.and([eb("deadline", "<=", nowDate), eb("missed_at", "is", null)]),
          ]),
        )
        .orderBy("deadline")
        .limit(BATCH)
        .forUpdate()
        .skipLocked()
        .execute();
      if (rows.length === 0) return 0;
      for (const row of rows as ContactRow[]) {
        const deadline = row.deadline as Date;
        const missed = deadline.getTime() <= nowDate.getTime();
        if (!backupNames.has(row.region_code)) {
          const [backupId] = await findBackupUnitIds(trx, row.region_code);
          const backup = backupId === undefined ? undefined : (await findUnitsByIds(trx, [backupId]))[0];
          backupNames.set(row.region_code, backup ? { id: backup.id, name: backup.name } : null);
        }
        const backup = backupNames.get(row.region_code) ?? null;
        // A backup team's own contacts get no suggestion to hand them to itself.
        const suggestion = backup && backup.id !== row.unit_id ? backup : null;
        await saveContactChange(work, row, missed ? { missed_at: nowDate } : { at_risk_at: nowDate });
        await appendContactEvent(trx, {
          regionCode: row.region_code,
          contactId: row.id,
          at: nowDate,
          kind: missed ? "missed" : "at_risk",
          actor: SWEEP_ACTOR,
          data: { deadline: deadline.toISOString() },
        });
        const inserted = await insertStaffAlert(trx, {
          regionCode: row.region_code,
          unitId: row.unit_id,
          contactId: row.id,
          kind: missed ? "missed" : "at_risk",
          message: missed ? missedMessage(deadline) : atRiskMessage(deadline, suggestion?.name ?? null),
          deadline,
          suggestedUnitId: suggestion?.id ?? null,
          createdAt: nowDate,
        });
        if (missed) total.missed += 1;
        else total.atRisk += 1;
        if (inserted) total.alerts += 1;
      }
      return rows.length;
    });
    await publishContactChanges(ctx, changed);
    if (handled < BATCH) break;
  }
  if (total.atRisk + total.missed > 0) ctx.logger.info(total, "deadline sweep");
  return total;
}
