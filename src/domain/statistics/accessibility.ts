import type { Temporal } from "temporal-polyfill";
import type { AccessibilityCounters } from "./counters.ts";

/** FORMATS.md "Accessibility statistics", one unit (or the region) and period, without `unitHsaId`/`period`. */
export interface AccessibilityFigures {
  phone: { offered: number; answeredSameDay: number; rate: number | null };
  resident: {
    contacts: number;
    refused: number;
    overflowed: number;
    respondedSameDay: number;
    rate: number | null;
    feedbackSameDay: number;
    feedbackRate: number | null;
  };
  assessment: {
    eligible: number;
    within0: number;
    within3: number;
    within7: number;
    patientChosen: number;
    rate: number | null;
  };
}

/**
 * `count / denominator` rounded half up to 4 decimals, or null when the denominator is 0. Rounded in
 * integers (bigint) so that e.g. 1/8 = 0.125 and 5/16 = 0.3125 → 0.3125, and 1/20000 = 0.00005 → 0.0001,
 * never off by a binary-fraction error.
 */
export function roundedRate(count: number, denominator: number): number | null {
  if (!Number.isSafeInteger(count) || !Number.isSafeInteger(denominator) || count < 0 || denominator < 0) {
    throw new RangeError(`A rate needs non-negative integers, got ${count}/${denominator}.`);
  }
  if (count > denominator)
    throw new RangeError(`A rate's count ${count} exceeds its denominator ${denominator}.`);
  if (denominator === 0) return null;
  const c = BigInt(count);
  const d = BigInt(denominator);
  const tenThousandths = (c * 20000n + d) / (2n * d);
  return Number(tenThousandths) / 10000;
}

export function accessibilityFromCounters(counters: AccessibilityCounters): AccessibilityFigures {
  const c = counters;
  return {
    phone: {
      offered: c.offered,
      answeredSameDay: c.answeredSameDay,
      rate: roundedRate(c.answeredSameDay, c.offered),
    },
    resident: {
      contacts: c.contacts,
      refused: c.refused,
      overflowed: c.overflowed,
      respondedSameDay: c.respondedSameDay,
      rate: roundedRate(c.respondedSameDay, c.contacts),
      feedbackSameDay: c.feedbackSameDay,
      feedbackRate: roundedRate(c.feedbackSameDay, c.contacts),
    },
    assessment: {
      eligible: c.eligible,
      within0: c.within0,
      within3: c.within3,
      within7: c.within7,
      patientChosen: c.patientChosen,
      rate: roundedRate(c.within3, c.eligible),
    },
  };
}

export type PeriodGranularity = "day" | "month" | "year";

/** The `period` of FORMATS.md: "2026-03-02", "2026-03" or "2026". */
export function periodKey(date: Temporal.PlainDate, by: PeriodGranularity): string {
  switch (by) {
    case "day":
      return date.toString();
    case "month":
      return date.toPlainYearMonth().toString();
    case "year":
      return String(date.year).padStart(4, "0");
  }
}
