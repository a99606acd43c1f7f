import type { Temporal } from "temporal-polyfill";
import { formatStockholmTime, stockholmDateOf, swedishDayText } from "../calendar/index.ts";

/** What a resident is told, and when (issue 3 "Notifications"). */
export type NotificationKind = "receipt" | "callback_moved" | "outcome" | "not_reached";

export const NOTIFICATION_KINDS: readonly NotificationKind[] = [
  "receipt",
  "callback_moved",
  "outcome",
  "not_reached",
];

export interface MessageFacts {
  unitName: string;
  /** The callback slot; without it the message promises feedback by `deadline`. */
  slotStart?: Temporal.Instant | null;
  /** Extension of the contract: the slot's end, for "mellan kl 10:15 och 10:30". */
  slotEnd?: Temporal.Instant | null;
  deadline?: Temporal.Instant | null;
  /** An outcome code (`advice`, `booked_visit`, …) or a ready Swedish sentence. */
  outcome?: string | null;
  statusUrl?: string | null;
  /** Extension of the contract: the day the message is written; a time on another day then names its day. */
  today?: Temporal.PlainDate | null;
  /** Extension of the contract: the booked visit's time, for the outcome `booked_visit`. */
  visitAt?: Temporal.Instant | null;
}

/** Outcome codes (FORMATS/CONTRACTS) as the resident reads them. */
export const OUTCOME_TEXT_SV: Readonly<Record<string, string>> = {
  advice: "Du har fått råd om egenvård.",
  booked_visit: "Du har fått en bokad tid på mottagningen.",
  digital_visit: "Du har fått ett digitalt vårdmöte.",
  referred_unit: "Du har hänvisats till en annan mottagning.",
  referred_1177: "Du har hänvisats till 1177 Vårdguiden.",
  referred_emergency: "Du har hänvisats till akutmottagningen.",
  not_reached: "Vi nådde dig inte.",
};

/** " måndag 30 mars" when `at` is on another Stockholm day than `today`, otherwise "". */
function dayPart(at: Temporal.Instant, today: Temporal.PlainDate | null | undefined): string {
  if (!today) return "";
  const date = stockholmDateOf(at);
  return date.equals(today) ? "" : ` ${swedishDayText(date)}`;
}

/** "Vi ringer dig mellan kl 10:15 och 10:30." or "Du får återkoppling senast kl 17:00." */
export function promiseSentence(facts: MessageFacts): string {
  if (facts.slotStart) {
    const day = dayPart(facts.slotStart, facts.today);
    if (facts.slotEnd) {
      return `Vi ringer dig${day} mellan kl ${formatStockholmTime(facts.slotStart)} och ${formatStockholmTime(facts.slotEnd)}.`;
    }
    return `Vi ringer dig${day} omkring kl ${formatStockholmTime(facts.slotStart)}.`;
  }
  if (facts.deadline) {
    return `Du får återkoppling senast${dayPart(facts.deadline, facts.today)} kl ${formatStockholmTime(facts.deadline)}.`;
  }
  return "Du får återkoppling så snart som möjligt.";
}

function statusSentence(facts: MessageFacts): string {
  return facts.statusUrl ? ` Följ din kontakt här: ${facts.statusUrl}` : "";
}

function outcomeSentence(facts: MessageFacts): string {
  const code = facts.outcome ?? "";
  const known = OUTCOME_TEXT_SV[code];
  if (code === "booked_visit" && facts.visitAt) {
    return `Du har fått en bokad tid${dayPart(facts.visitAt, facts.today) || " i dag"} kl ${formatStockholmTime(facts.visitAt)}.`;
  }
  if (known) return known;
  if (code.trim() !== "") return code.trim().endsWith(".") ? code.trim() : `${code.trim()}.`;
  return "Din kontakt är avslutad.";
}

/**
 * The Swedish text of a message to a resident. Kept short (one or two SMS segments) and free of personal
 * data: no identity number, no description, no staff names — only the unit, times and the status link.
 */
export function residentMessageText(kind: NotificationKind, facts: MessageFacts): string {
  const unit = facts.unitName;
  switch (kind) {
    case "receipt":
      return `${unit} har tagit emot din kontakt. ${promiseSentence(facts)}${statusSentence(facts)}`;
    case "callback_moved":
      return `${unit}: din återuppringning har flyttats. ${promiseSentence(facts)}${statusSentence(facts)}`;
    case "outcome":
      return `${unit} har avslutat din kontakt. ${outcomeSentence(facts)}${statusSentence(facts)}`;
    case "not_reached":
      return (
        `${unit} har försökt ringa dig tre gånger utan att nå dig, och din kontakt är nu avslutad. ` +
        "Kontakta mottagningen igen om du fortfarande behöver hjälp, eller ring 1177. " +
        `Vid livshotande tillstånd, ring 112.${statusSentence(facts)}`
      );
  }
}
