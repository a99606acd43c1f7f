import { Temporal } from "temporal-polyfill";
import { describe, expect, it } from "vitest";
import { type MessageFacts, type NotificationKind, residentMessageText } from "./messages.ts";

const at = (iso: string) => Temporal.Instant.from(iso);
const unitName = "Kramfors hälsocentral";
const statusUrl = "https://vardnav.example/kontakt/status/abc123";

describe("residentMessageText", () => {
  const cases: [string, NotificationKind, MessageFacts, string][] = [
    [
      "receipt with a callback slot (CET)",
      "receipt",
      { unitName, slotStart: at("2026-03-02T09:15:00Z"), slotEnd: at("2026-03-02T09:30:00Z"), statusUrl },
      `Kramfors hälsocentral har tagit emot din kontakt. Vi ringer dig mellan kl 10:15 och 10:30. Följ din kontakt här: ${statusUrl}`,
    ],
    [
      "receipt with only the slot start",
      "receipt",
      { unitName, slotStart: at("2026-03-02T09:15:00Z") },
      "Kramfors hälsocentral har tagit emot din kontakt. Vi ringer dig omkring kl 10:15.",
    ],
    [
      "receipt for an overflowed contact (CEST, after the DST change)",
      "receipt",
      { unitName, deadline: at("2026-03-30T15:00:00Z"), statusUrl },
      `Kramfors hälsocentral har tagit emot din kontakt. Du får återkoppling senast kl 17:00. Följ din kontakt här: ${statusUrl}`,
    ],
    [
      "an evening contact's promise names the next day",
      "receipt",
      { unitName, deadline: at("2026-03-30T15:00:00Z"), today: Temporal.PlainDate.from("2026-03-29") },
      "Kramfors hälsocentral har tagit emot din kontakt. Du får återkoppling senast måndag 30 mars kl 17:00.",
    ],
    [
      "callback moved",
      "callback_moved",
      {
        unitName,
        slotStart: at("2026-03-02T13:00:00Z"),
        slotEnd: at("2026-03-02T13:15:00Z"),
        today: Temporal.PlainDate.from("2026-03-02"),
      },
      "Kramfors hälsocentral: din återuppringning har flyttats. Vi ringer dig mellan kl 14:00 och 14:15.",
    ],
    [
      "outcome: advice",
      "outcome",
      { unitName, outcome: "advice", statusUrl },
      `Kramfors hälsocentral har avslutat din kontakt. Du har fått råd om egenvård. Följ din kontakt här: ${statusUrl}`,
    ],
    [
      "outcome: booked visit with its time",
      "outcome",
      {
        unitName,
        outcome: "booked_visit",
        visitAt: at("2026-03-03T08:40:00Z"),
        today: Temporal.PlainDate.from("2026-03-02"),
      },
      "Kramfors hälsocentral har avslutat din kontakt. Du har fått en bokad tid tisdag 3 mars kl 09:40.",
    ],
    [
      "outcome: referred to emergency care",
      "outcome",
      { unitName, outcome: "referred_emergency" },
      "Kramfors hälsocentral har avslutat din kontakt. Du har hänvisats till akutmottagningen.",
    ],
    [
      "outcome given as free text",
      "outcome",
      { unitName, outcome: "Recept förnyat" },
      "Kramfors hälsocentral har avslutat din kontakt. Recept förnyat.",
    ],
    [
      "not reached after three attempts",
      "not_reached",
      { unitName },
      "Kramfors hälsocentral har försökt ringa dig tre gånger utan att nå dig, och din kontakt är nu avslutad. " +
        "Kontakta mottagningen igen om du fortfarande behöver hjälp, eller ring 1177. Vid livshotande tillstånd, ring 112.",
    ],
  ];

  it.each(cases)("%s", (_name, kind, facts, expected) => {
    expect(residentMessageText(kind, facts)).toBe(expected);
  });

  it("fits in two SMS segments (UCS-2: 134 characters each) without the status link", () => {
    for (const [, kind, facts] of cases) {
      expect(residentMessageText(kind, { ...facts, statusUrl: null }).length).toBeLessThanOrEqual(268);
    }
  });
});
