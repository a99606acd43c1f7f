// Shapes of the statistics API's answers (CONTRACTS.md "Statistics HTTP API", FORMATS.md "Accessibility
// statistics"). Counts and rates are null where the server suppressed them for a committee user.

export interface PhoneFigures {
  offered: number | null;
  answeredSameDay: number | null;
  rate: number | null;
}

export interface ResidentFigures {
  contacts: number | null;
  refused: number | null;
  overflowed: number | null;
  respondedSameDay: number | null;
  rate: number | null;
  feedbackSameDay: number | null;
  feedbackRate: number | null;
}

export interface AssessmentFigures {
  eligible: number | null;
  within0: number | null;
  within3: number | null;
  within7: number | null;
  patientChosen: number | null;
  rate: number | null;
}

export interface AccessibilityRow {
  /** null for the whole region. */
  unitHsaId: string | null;
  /** "2026-03" (month), "2026-03-02" (day) or "2026" (year). */
  period: string;
  phone: PhoneFigures;
  resident: ResidentFigures;
  assessment: AssessmentFigures;
  /** Committee users: true when at least one figure of this row was withheld (fewer than 20 contacts). */
  suppressed?: boolean;
}

export interface ReferenceValue {
  year: number;
  /** The national SKR-comparable telephone rate that year (2025: 0.875), or null when not yet known. */
  nationalPhoneRate: number | null;
  goal: number;
}

export interface AccessibilityAnswer {
  rows: AccessibilityRow[];
  reference: ReferenceValue[];
  suppressed: boolean;
}

export interface HeatmapCell {
  /** ISO weekday, 1 = Monday. */
  weekday: number;
  hour: number;
  /** null where the server withheld the cell for a committee user (fewer than 20 contacts). */
  contacts: number | null;
  unanswered: number | null;
}

export interface ImportStatus {
  status: "running" | "done" | "failed";
  read: number;
  imported: number;
  updated: number;
  rejected: number;
  rejections: { line: number; reason: string }[];
  /** Why the whole import failed, when the server says. */
  error?: string | null;
}

export type ImportFormat = "vardnav-contacts-v1" | "asterisk-queue-log";

export type Risk = "low" | "medium" | "high";

export interface ForecastUnit {
  hsaId: string;
  name: string;
  expectedContacts: number;
  byHour: { hour: number; expected: number }[];
  /** The handle time the need was computed with (the unit's own unless one was asked for). */
  handleMinutes?: number;
  nurseHoursNeeded: number;
  capacityContacts: number;
  risk: Risk;
}

export interface ForecastAnswer {
  date: string;
  units: ForecastUnit[];
  backtest: { mape: number | null; weeks: number };
}
