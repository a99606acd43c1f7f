import { queryOptions } from "@tanstack/react-query";
import type {
  ContactList,
  FeedbackInput as FeedbackBody,
  StaffContactInput,
  Worklist,
  WorklistContact,
} from "../../../../src/modules/contacts/contacts.schemas.ts";
import { apiRequest } from "../../api/client.ts";
import type { Outcome } from "../contacts/api.ts";
import type { Profession } from "./professions.ts";

// The staff side of the contacts API (docs/API.md; shapes in src/modules/contacts/contacts.schemas.ts).
// Every read of a contact is audited by the server; the client asks only for what the page shows.

export type {
  ContactList,
  Worklist,
  WorklistContact,
  WorklistCounters,
} from "../../../../src/modules/contacts/contacts.schemas.ts";

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
      apiRequest<ContactList>(`/api/worklist/three-day?unit=${encodeURIComponent(unitHsaId)}`, { signal }),
    refetchInterval: 60_000,
    staleTime: 0,
  });
}

export function overflowQuery(regionCode: string) {
  return queryOptions({
    queryKey: [...WORKLIST_KEY, "overflow", regionCode],
    queryFn: ({ signal }) =>
      apiRequest<ContactList>(`/api/worklist/overflow?region=${encodeURIComponent(regionCode)}`, { signal }),
    refetchInterval: 60_000,
    staleTime: 0,
  });
}

/** The feedback body, narrowed to what each outcome needs (the server checks the same per outcome). */
export type FeedbackInput = FeedbackBody &
  (
    | { outcome: Exclude<Outcome, "booked_visit" | "referred_unit"> }
    | { outcome: "booked_visit"; visitAt: string }
    | { outcome: "referred_unit"; referredUnitHsaId: string }
  );

export type NewStaffContact = StaffContactInput;

const contactPath = (id: string, action: string) => `/api/contacts/${encodeURIComponent(id)}/${action}`;

export const contactActions = {
  claim: (id: string) => apiRequest<WorklistContact>(contactPath(id, "claim"), { method: "POST", body: {} }),
  release: (id: string) =>
    apiRequest<WorklistContact>(contactPath(id, "release"), { method: "POST", body: {} }),
  attempt: (id: string) =>
    apiRequest<WorklistContact>(contactPath(id, "attempts"), { method: "POST", body: { reached: false } }),
  response: (id: string) =>
    apiRequest<WorklistContact>(contactPath(id, "response"), { method: "POST", body: {} }),
  feedback: (id: string, input: FeedbackInput) =>
    apiRequest<WorklistContact>(contactPath(id, "feedback"), { method: "POST", body: input }),
  note: (id: string, text: string) =>
    apiRequest<WorklistContact>(contactPath(id, "notes"), { method: "POST", body: { text } }),
  assessment: (id: string, input: { profession: Profession; at?: string }) =>
    apiRequest<WorklistContact>(contactPath(id, "assessment"), { method: "POST", body: input }),
  transfer: (id: string, input: { toUnitHsaId: string; reason: string }) =>
    apiRequest<WorklistContact>(contactPath(id, "transfer"), { method: "POST", body: input }),
  register: (input: NewStaffContact) =>
    apiRequest<WorklistContact>("/api/worklist/contacts", { method: "POST", body: input }),
};
