import { describe, expect, it } from "vitest";
import { AppError } from "../../errors.ts";
import { formatStockholmTime } from "./dates.ts";
import { callbackSlots } from "./slots.ts";
import { date, healthCentre, neverOpen } from "./test-fixtures.ts";

describe("callbackSlots", () => {
  it("quarter-hour slots on a CEST Monday with split phone hours", () => {
    const slots = callbackSlots(date("2026-03-30"), healthCentre, 15);
    // 08:00–12:00 is 16 slots, 13:00–16:30 is 14.
    expect(slots).toHaveLength(30);
    expect(slots[0]?.start.toString()).toBe("2026-03-30T06:00:00Z");
    expect(slots[0]?.end.toString()).toBe("2026-03-30T06:15:00Z");
    expect(slots[15]?.start.toString()).toBe("2026-03-30T09:45:00Z");
    expect(slots[15]?.end.toString()).toBe("2026-03-30T10:00:00Z");
    expect(slots[16]?.start.toString()).toBe("2026-03-30T11:00:00Z"); // aligned to 13:00, not to 12:00 + n·15
    expect(slots[29]?.start.toString()).toBe("2026-03-30T14:15:00Z");
    expect(slots[29]?.end.toString()).toBe("2026-03-30T14:30:00Z");
  });

  it("keeps a final partial slot, cut at the window end", () => {
    // 240 min = 9 × 25 + 15; 210 min = 8 × 25 + 10.
    const slots = callbackSlots(date("2026-03-25"), healthCentre, 25);
    const wall = slots.map((s) => `${formatStockholmTime(s.start)}–${formatStockholmTime(s.end)}`);
    expect(wall).toEqual([
      "08:00–08:25",
      "08:25–08:50",
      "08:50–09:15",
      "09:15–09:40",
      "09:40–10:05",
      "10:05–10:30",
      "10:30–10:55",
      "10:55–11:20",
      "11:20–11:45",
      "11:45–12:00",
      "13:00–13:25",
      "13:25–13:50",
      "13:50–14:15",
      "14:15–14:40",
      "14:40–15:05",
      "15:05–15:30",
      "15:30–15:55",
      "15:55–16:20",
      "16:20–16:30",
    ]);
  });

  it.each([
    ["2026-12-24", healthCentre, "julafton"],
    ["2026-03-28", healthCentre, "a Saturday"],
    ["2026-03-25", neverOpen, "a unit with no hours"],
  ])("no slots on %s (%s)", (iso, cal) => {
    expect(callbackSlots(date(iso), cal, 15)).toEqual([]);
  });

  it.each([0, -15, 7.5, Number.NaN])("rejects slot length %s", (slotMinutes) => {
    expect(() => callbackSlots(date("2026-03-25"), healthCentre, slotMinutes)).toThrow(AppError);
  });
});
