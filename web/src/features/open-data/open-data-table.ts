import { formatCount, formatRate, NO_FIGURE } from "../stats/format.ts";
import type { OpenDataGroups } from "./api.ts";

// How one measure shows in the open-data table: the rate with the count behind it, a withheld figure as
// a dash with the words "withheld" for screen readers (never colour alone), a unit without contacts in
// the measure as a dash with "no contacts".

export type FigureState = "shown" | "withheld" | "none";

export interface FigureCell {
  state: FigureState;
  rate: string;
  /** The denominator, e.g. "812"; empty when withheld. */
  count: string;
}

export type MeasureKey = "phone" | "resident" | "feedback" | "assessment";
export const MEASURE_KEYS: readonly MeasureKey[] = ["phone", "resident", "feedback", "assessment"];

function cell(
  rate: number | null,
  denominator: number | null,
  suppressed: boolean,
  language: string,
): FigureCell {
  if (suppressed) return { state: "withheld", rate: NO_FIGURE, count: "" };
  if (denominator === null || denominator === 0)
    return { state: "none", rate: NO_FIGURE, count: formatCount(0, language) };
  return { state: "shown", rate: formatRate(rate, language), count: formatCount(denominator, language) };
}

export function figureCells(groups: OpenDataGroups, language: string): Record<MeasureKey, FigureCell> {
  return {
    phone: cell(groups.phone.rate, groups.phone.offered, groups.phone.suppressed, language),
    resident: cell(groups.resident.rate, groups.resident.contacts, groups.resident.suppressed, language),
    feedback: cell(
      groups.resident.feedbackRate,
      groups.resident.contacts,
      groups.resident.suppressed,
      language,
    ),
    assessment: cell(
      groups.assessment.rate,
      groups.assessment.eligible,
      groups.assessment.suppressed,
      language,
    ),
  };
}

/** True when any unit figure of the month is withheld: the page then explains the rule above the table. */
export function anyWithheld(units: readonly OpenDataGroups[]): boolean {
  return units.some((u) => u.phone.suppressed || u.resident.suppressed || u.assessment.suppressed);
}
