import type { WorklistContact } from "./api.ts";

// Pure rules of the worklist table: the order of rows and what each row must make visible.

function time(instant: string | null | undefined): number {
  if (!instant) return Number.POSITIVE_INFINITY;
  const ms = Date.parse(instant);
  return Number.isNaN(ms) ? Number.POSITIVE_INFINITY : ms;
}

/** When the contact must be dealt with: its callback slot, or (overflow, walk-in) its deadline. */
export function dueAt(contact: WorklistContact): number {
  return contact.slotStart ? time(contact.slotStart) : time(contact.deadline);
}

/**
 * Open contacts first, each group by slot (or deadline when there is no slot), then deadline, then
 * arrival; handled contacts sink to the bottom so the top of the list is always the next call. The
 * server sends slot-then-deadline order already; sorting here keeps that order when a refetch merges.
 */
export function sortWorklist(contacts: readonly WorklistContact[]): WorklistContact[] {
  return [...contacts].sort(
    (a, b) =>
      Number(a.status === "closed") - Number(b.status === "closed") ||
      dueAt(a) - dueAt(b) ||
      time(a.deadline) - time(b.deadline) ||
      time(a.receivedAt) - time(b.receivedAt) ||
      a.id.localeCompare(b.id),
  );
}

/** The three-day list: the nearest assessment deadline first (a date; ties by arrival). */
export function sortThreeDay(contacts: readonly WorklistContact[]): WorklistContact[] {
  return [...contacts].sort(
    (a, b) =>
      (a.assessmentDeadline ?? "9999-12-31").localeCompare(b.assessmentDeadline ?? "9999-12-31") ||
      time(a.receivedAt) - time(b.receivedAt),
  );
}

export const ROW_FLAGS = [
  "missed",
  "atRisk",
  "overflow",
  "transferred",
  "newProblem",
  "claimed",
  "closed",
] as const;
export type RowFlag = (typeof ROW_FLAGS)[number];

/**
 * What a row says about its contact, most urgent first. Each flag is shown as an icon and words, never
 * by colour alone (WCAG 1.4.1). A closed contact is no longer at risk, whatever the sweep marked.
 */
export function rowFlags(contact: WorklistContact): RowFlag[] {
  const open = contact.status === "open";
  const flags: RowFlag[] = [];
  if (contact.missed) flags.push("missed");
  if (open && contact.atRisk && !contact.missed) flags.push("atRisk");
  if (contact.overflowed) flags.push("overflow");
  if (contact.transferredFrom) flags.push("transferred");
  if (contact.newProblem && contact.assessedAt === null) flags.push("newProblem");
  if (open && contact.claimedBy) flags.push("claimed");
  if (!open) flags.push("closed");
  return flags;
}

/** A row stands out (background and a side bar, plus its flags in words) while it needs action soon. */
export function isUrgent(contact: WorklistContact): boolean {
  return contact.status === "open" && (contact.atRisk || contact.missed);
}

/** Whether the signed-in user holds the contact ("jag ringer nu"); user ids compare as text. */
export function claimedByMe(contact: WorklistContact, userId: number | string): boolean {
  return contact.claimedBy !== null && String(contact.claimedBy.userId) === String(userId);
}
