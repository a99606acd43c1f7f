import { describe, expect, it } from "vitest";
import type { WorklistContact } from "./api.ts";
import { claimedByMe, isUrgent, rowFlags, sortThreeDay, sortWorklist } from "./worklist-rows.ts";

function contact(id: string, over: Partial<WorklistContact> = {}): WorklistContact {
  return {
    id,
    source: "web",
    channel: "digital",
    receivedAt: "2026-03-02T08:00:00Z",
    serviceDay: "2026-03-02",
    slotStart: null,
    slotEnd: null,
    deadline: "2026-03-02T16:00:00Z",
    overflowed: false,
    atRisk: false,
    missed: false,
    status: "open",
    claimedBy: null,
    attempts: 0,
    newProblem: false,
    assessmentDeadline: null,
    assessedAt: null,
    assessedBy: null,
    respondedAt: null,
    feedbackAt: null,
    outcome: null,
    outcomeDetails: null,
    identityNumber: "19121212-1212",
    age: 113,
    phone: "070-123 45 67",
    description: "Ont i halsen",
    callbackWindow: "any",
    transferredFrom: null,
    notes: [],
    unitHsaId: "SE2321000000-E0001",
    unitName: "Kramfors hälsocentral",
    ...over,
  };
}

const ids = (list: readonly WorklistContact[]) => list.map((c) => c.id);

describe("sortWorklist", () => {
  it("orders open contacts by slot, a contact without a slot by its deadline, and closed ones last", () => {
    const list = [
      contact("closed-early", {
        status: "closed",
        slotStart: "2026-03-02T07:00:00Z",
        slotEnd: "2026-03-02T07:15:00Z",
      }),
      contact("overflow", { overflowed: true, deadline: "2026-03-02T16:00:00Z" }),
      contact("slot-10", { slotStart: "2026-03-02T09:00:00Z", slotEnd: "2026-03-02T09:15:00Z" }),
      contact("slot-08", { slotStart: "2026-03-02T07:00:00Z", slotEnd: "2026-03-02T07:15:00Z" }),
      contact("walk-in-noon", { channel: "visit", deadline: "2026-03-02T11:00:00Z" }),
    ];
    expect(ids(sortWorklist(list))).toEqual([
      "slot-08",
      "slot-10",
      "walk-in-noon",
      "overflow",
      "closed-early",
    ]);
  });

  it("breaks ties by deadline, then arrival, then id, and leaves the input alone", () => {
    const slot = { slotStart: "2026-03-02T09:00:00Z", slotEnd: "2026-03-02T09:15:00Z" };
    const list = [
      contact("b", { ...slot, receivedAt: "2026-03-02T08:05:00Z" }),
      contact("a", { ...slot, receivedAt: "2026-03-02T08:05:00Z" }),
      contact("first", { ...slot, receivedAt: "2026-03-02T08:00:00Z" }),
      contact("no-deadline", { ...slot, deadline: null, receivedAt: "2026-03-02T07:00:00Z" }),
    ];
    const before = ids(list);
    expect(ids(sortWorklist(list))).toEqual(["first", "a", "b", "no-deadline"]);
    expect(ids(list)).toEqual(before);
  });
});

describe("sortThreeDay", () => {
  it("puts the nearest assessment deadline first, ties by arrival", () => {
    const list = [
      contact("late", { assessmentDeadline: "2026-03-05" }),
      contact("soon-later", { assessmentDeadline: "2026-03-03", receivedAt: "2026-02-28T10:00:00Z" }),
      contact("soon-first", { assessmentDeadline: "2026-03-03", receivedAt: "2026-02-28T08:00:00Z" }),
      contact("none", { assessmentDeadline: null }),
    ];
    expect(ids(sortThreeDay(list))).toEqual(["soon-first", "soon-later", "late", "none"]);
  });
});

describe("rowFlags", () => {
  it.each([
    ["a plain open contact", {}, []],
    ["at risk", { atRisk: true }, ["atRisk"]],
    ["missed (not also at risk)", { atRisk: true, missed: true }, ["missed"]],
    [
      "overflow, claimed",
      { overflowed: true, claimedBy: { userId: 7, displayName: "Anna" } },
      ["overflow", "claimed"],
    ],
    ["new problem not yet assessed", { newProblem: true, assessmentDeadline: "2026-03-05" }, ["newProblem"]],
    [
      "new problem assessed",
      { newProblem: true, assessedAt: "2026-03-02T09:00:00Z", assessedBy: "lakare" },
      [],
    ],
    ["transferred here", { transferredFrom: "Sollefteå hälsocentral" }, ["transferred"]],
    [
      "closed: no longer at risk or claimed",
      { status: "closed", atRisk: true, claimedBy: { userId: 7, displayName: "A" } },
      ["closed"],
    ],
    ["closed after it was missed", { status: "closed", missed: true }, ["missed", "closed"]],
  ] as const)("%s", (_name, over, expected) => {
    expect(rowFlags(contact("x", over as Partial<WorklistContact>))).toEqual(expected);
  });
});

describe("isUrgent and claimedByMe", () => {
  it("marks open contacts at risk or missed, not closed ones", () => {
    expect(isUrgent(contact("x", { atRisk: true }))).toBe(true);
    expect(isUrgent(contact("x", { missed: true }))).toBe(true);
    expect(isUrgent(contact("x", { atRisk: true, status: "closed" }))).toBe(false);
    expect(isUrgent(contact("x"))).toBe(false);
  });

  it("compares user ids as text (the session has a number, the contact may too)", () => {
    const mine = contact("x", { claimedBy: { userId: 7, displayName: "Anna" } });
    expect(claimedByMe(mine, 7)).toBe(true);
    expect(claimedByMe(mine, "7")).toBe(true);
    expect(claimedByMe(mine, 8)).toBe(false);
    expect(claimedByMe(contact("y"), 7)).toBe(false);
  });
});
