import { queryOptions } from "@tanstack/react-query";
import { apiRequest } from "../../api/client.ts";
import type { Outcome } from "../contacts/api.ts";
import type { Profession } from "./professions.ts";

// The staff side of the contacts API (CONTRACTS.md "Contacts HTTP API"). Every read of a contact is
// audited by the server; the client asks only for what the page shows.

export interface WorklistContact {
  id: string;
  source: "web" | "telephony" | "staff" | "import";
  channel: "phone" | "digital" | "visit" | "letter";
  receivedAt: string;
  serviceDay: string;
  slotStart: string | null;
  slotEnd: string | null;
  deadline: string | null;
  overflowed: boolean;
  atRisk: boolean;
  missed: boolean;
  status: "open" | "closed";
  claimedBy: { userId: number | string; displayName: string } | null;
  attempts: number;
  newProblem: boolean;
  /** YYYY-MM-DD: receipt + 3 days, while a new problem is not yet assessed. */
  assessmentDeadline: string | null;
  assessedAt: string | null;
  assessedBy: string | null;
  respondedAt: string | null;
  feedbackAt: string | null;
  outcome: string | null;
  outcomeDetails: Record<string, unknown> | null;
  identityNumber: string | null;
  age: number | null;
  phone: string | null;
  description: string | null;
  callbackWindow: string | null;
  transferredFrom: string | null;
  notes: { at: string; author: string; text: string }[];
  /** The unit the contact belongs to now. */
  unitHsaId: string;
  unitName: string;
}

export interface WorklistCounters {
  received: number;
  open: number;
  answered: number;
  overflow: number;
  atRisk: number;
  missed: number;
}

export interface Worklist {
  unit: { hsaId: string; name: string };
  /** The service day shown: today, or on a closed day the next open day. */
  date: string;
  today: string;
  /** Today is closed (weekend, holiday): the list shows the contacts waiting for `date`. */
  waitingForNextOpenDay: boolean;
  counters: WorklistCounters;
  contacts: WorklistContact[];
}

/** Every worklist query key starts here, so a change event can refresh them all at once. */
export const WORKLIST_KEY = ["worklist"] as const;

export function worklistQuery(unitHsaId: string) {
  return queryOptions({
    queryKey: [...WORKLIST_KEY, "day", unitHsaId],
    queryFn: ({ signal }) =>
      apiRequest<Worklist>(`/api/worklist?unit=${encodeURIComponent(unitHsaId)}`, { signal }),
    // Live updates come through the event stream; this only covers a stream that is down.
    refetchInterval: 60_000,
    staleTime: 0,
  });
}

export function threeDayQuery(unitHsaId: string) {
  return queryOptions({
    queryKey: [...WORKLIST_KEY, "three-day", unitHsaId],
    queryFn: ({ signal }) =>
      apiRequest<{ contacts: WorklistContact[] }>(
        `/api/worklist/three-day?unit=${encodeURIComponent(unitHsaId)}`,
        { signal },
      ),
    refetchInterval: 60_000,
    staleTime: 0,
  });
}

export function overflowQuery(regionCode: string) {
  return queryOptions({
    queryKey: [...WORKLIST_KEY, "overflow", regionCode],
    queryFn: ({ signal }) =>
      apiRequest<{ contacts: WorklistContact[] }>(
        `/api/worklist/overflow?region=${encodeURIComponent(regionCode)}`,
        { signal },
      ),
    refetchInterval: 60_000,
    staleTime: 0,
  });
}

export type FeedbackInput =
  | { outcome: Exclude<Outcome, "booked_visit" | "referred_unit">; note?: string }
  | { outcome: "booked_visit"; visitAt: string; note?: string }
  | { outcome: "referred_unit"; referredUnitHsaId: string; note?: string };

export interface NewStaffContact {
  unitHsaId: string;
  channel: "visit" | "letter";
  identityNumber: string;
  phone?: string;
  description: string;
  newProblem: boolean;
}

const contactPath = (id: string, action: string) => `/api/contacts/${encodeURIComponent(id)}/${action}`;

export const contactActions = {
  claim: (id: string) => apiRequest<WorklistContact>(contactPath(id, "claim"), { method: "POST", body: {} }),
  release: (id: string) => apiRequest<unknown>(contactPath(id, "release"), { method: "POST", body: {} }),
  attempt: (id: string) =>
    apiRequest<unknown>(contactPath(id, "attempts"), { method: "POST", body: { reached: false } }),
  response: (id: string) => apiRequest<unknown>(contactPath(id, "response"), { method: "POST", body: {} }),
  feedback: (id: string, input: FeedbackInput) =>
    apiRequest<unknown>(contactPath(id, "feedback"), { method: "POST", body: input }),
  note: (id: string, text: string) =>
    apiRequest<unknown>(contactPath(id, "notes"), { method: "POST", body: { text } }),
  assessment: (id: string, input: { profession: Profession; at?: string }) =>
    apiRequest<unknown>(contactPath(id, "assessment"), { method: "POST", body: input }),
  transfer: (id: string, input: { toUnitHsaId: string; reason: string }) =>
    apiRequest<unknown>(contactPath(id, "transfer"), { method: "POST", body: input }),
  register: (input: NewStaffContact) =>
    apiRequest<WorklistContact>("/api/worklist/contacts", { method: "POST", body: input }),
};
