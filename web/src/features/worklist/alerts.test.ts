import { describe, expect, it } from "vitest";
import { alertClock, alertSuggestion, mayReadAlerts, type StaffAlert, sortAlerts } from "./alerts.ts";

function alert(id: string, over: Partial<StaffAlert> = {}): StaffAlert {
  return {
    id,
    kind: "at_risk",
    regionCode: "22",
    unit: { hsaId: "SE2321000000-E0001", name: "Kramfors hälsocentral" },
    contactId: `contact-${id}`,
    deadline: "2026-03-02T16:00:00Z",
    message: "",
    suggestedBackup: null,
    createdAt: "2026-03-02T15:00:00Z",
    acknowledgedAt: null,
    acknowledgedBy: null,
    ...over,
  };
}

const ids = (alerts: StaffAlert[]) => alerts.map((a) => a.id);

describe("sortAlerts", () => {
  it.each([
    {
      name: "missed before at risk, whatever the deadlines",
      alerts: [alert("1", { deadline: "2026-03-02T10:00:00Z" }), alert("2", { kind: "missed" })],
      expected: ["2", "1"],
    },
    {
      name: "within a kind, the deadline that runs out first",
      alerts: [
        alert("1", { deadline: "2026-03-02T16:00:00Z" }),
        alert("2", { deadline: "2026-03-02T11:30:00Z" }),
      ],
      expected: ["2", "1"],
    },
    {
      name: "an alert without a deadline after those with one",
      alerts: [alert("1", { deadline: null }), alert("2")],
      expected: ["2", "1"],
    },
    {
      name: "the same deadline: the older alert first",
      alerts: [alert("1", { createdAt: "2026-03-02T15:10:00Z" }), alert("2")],
      expected: ["2", "1"],
    },
    {
      name: "acknowledged alerts left out",
      alerts: [alert("1", { acknowledgedAt: "2026-03-02T15:05:00Z" }), alert("2")],
      expected: ["2"],
    },
  ])("$name", ({ alerts, expected }) => {
    expect(ids(sortAlerts(alerts))).toEqual(expected);
  });

  it("does not reorder the list it is given", () => {
    const given = [alert("1"), alert("2", { kind: "missed" })];
    sortAlerts(given);
    expect(ids(given)).toEqual(["1", "2"]);
  });
});

describe("alertSuggestion", () => {
  const backup = { hsaId: "SE2321000000-E0099", name: "Reservteamet Västernorrland" };
  it.each([
    { kind: "at_risk", suggestedBackup: backup, key: "suggestBackup", team: backup.name },
    { kind: "missed", suggestedBackup: backup, key: "suggestBackup", team: backup.name },
    { kind: "at_risk", suggestedBackup: null, key: "suggestRegionBackup", team: undefined },
    { kind: "missed", suggestedBackup: null, key: "suggestCallBack", team: undefined },
  ] as const)("$kind with backup $suggestedBackup.name → $key", ({ kind, suggestedBackup, key, team }) => {
    const suggestion = alertSuggestion(alert("1", { kind, suggestedBackup }));
    expect(suggestion.key).toBe(key);
    expect(suggestion.values.team).toBe(team);
  });
});

describe("alertClock", () => {
  it.each([
    // 16:00 UTC is 17:00 in Stockholm in winter, 18:00 in summer.
    { instant: "2026-03-02T16:00:00Z", now: "2026-03-02T15:00:00Z", expected: { day: null, time: "17:00" } },
    { instant: "2026-07-02T16:00:00Z", now: "2026-07-02T17:00:00Z", expected: { day: null, time: "18:00" } },
    // 23:30 UTC on 1 March is already 2 March in Stockholm: the same day as "now".
    { instant: "2026-03-01T23:30:00Z", now: "2026-03-02T10:00:00Z", expected: { day: null, time: "00:30" } },
    {
      instant: "2026-03-01T16:00:00Z",
      now: "2026-03-02T10:00:00Z",
      expected: { day: "1 mars", time: "17:00" },
    },
  ])("$instant seen at $now", ({ instant, now, expected }) => {
    expect(alertClock(instant, now, "sv")).toEqual(expected);
  });
});

describe("mayReadAlerts", () => {
  it.each([
    ["unit_manager", true],
    ["region_admin", true],
    ["staff", false],
    ["committee", false],
  ])("%s → %s", (role, expected) => {
    expect(mayReadAlerts({ role })).toBe(expected);
  });
});
