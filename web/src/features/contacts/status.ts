import type { ContactState } from "./api.ts";

// How the resident's status page words where a contact stands.

export const STATUS_STEPS = ["waiting", "calling", "answered", "done"] as const;
export type StatusStep = (typeof STATUS_STEPS)[number];
export type StepState = "done" | "current" | "upcoming";

/** The step each contact state has reached: waiting has been received, claimed is being called, … */
const REACHED: Record<ContactState, number> = { waiting: 0, claimed: 1, responded: 2, closed: 3 };

export function stepState(step: StatusStep, state: ContactState): StepState {
  const index = STATUS_STEPS.indexOf(step);
  const reached = REACHED[state];
  if (index < reached || (state === "closed" && index === reached)) return "done";
  return index === reached ? "current" : "upcoming";
}

const OUTCOME_KEYS = {
  advice: "contact.outcome.advice",
  booked_visit: "contact.outcome.booked_visit",
  digital_visit: "contact.outcome.digital_visit",
  referred_unit: "contact.outcome.referred_unit",
  referred_1177: "contact.outcome.referred_1177",
  referred_emergency: "contact.outcome.referred_emergency",
  not_reached: "contact.outcome.not_reached",
} as const;
type OutcomeKey = (typeof OUTCOME_KEYS)[keyof typeof OUTCOME_KEYS];

export function outcomeLabelKey(outcome: string | null): OutcomeKey | null {
  return outcome !== null && Object.hasOwn(OUTCOME_KEYS, outcome)
    ? OUTCOME_KEYS[outcome as keyof typeof OUTCOME_KEYS]
    : null;
}

const EVENT_KEYS = {
  created: "contact.event.created",
  claimed: "contact.event.claimed",
  released: "contact.event.released",
  attempt: "contact.event.attempt",
  response: "contact.event.response",
  feedback: "contact.event.feedback",
  assessment: "contact.event.assessment",
  transfer: "contact.event.transfer",
  not_reached: "contact.event.not_reached",
  callback_moved: "contact.event.callback_moved",
  telephony: "contact.event.telephony",
} as const;
type EventKey = (typeof EVENT_KEYS)[keyof typeof EVENT_KEYS] | "contact.event.other";

/** Event kinds the server may add later read as a neutral "updated". */
export function eventLabelKey(kind: string): EventKey {
  return Object.hasOwn(EVENT_KEYS, kind)
    ? EVENT_KEYS[kind as keyof typeof EVENT_KEYS]
    : "contact.event.other";
}
