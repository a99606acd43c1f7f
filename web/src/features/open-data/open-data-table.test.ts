import { describe, expect, it } from "vitest";
import type { OpenDataGroups } from "./api.ts";
import { anyWithheld, figureCells } from "./open-data-table.ts";

const shown: OpenDataGroups = {
  phone: { offered: 812, answeredSameDay: 701, rate: 0.8633, suppressed: false },
  resident: {
    contacts: 1020,
    respondedSameDay: 850,
    rate: 0.8333,
    feedbackSameDay: 820,
    feedbackRate: 0.8039,
    suppressed: false,
  },
  assessment: { eligible: 0, within3: 0, rate: null, suppressed: false },
};
const withheld: OpenDataGroups = {
  ...shown,
  phone: { offered: null, answeredSameDay: null, rate: null, suppressed: true },
};

describe("figureCells", () => {
  it("formats rate and denominator in Swedish and English", () => {
    // Intl writes Swedish with a no-break space before % and as thousands separator.
    expect(figureCells(shown, "sv").phone).toEqual({ state: "shown", rate: "86,3\u00a0%", count: "812" });
    expect(figureCells(shown, "sv").resident.count).toBe("1\u00a0020");
    expect(figureCells(shown, "en").feedback).toEqual({ state: "shown", rate: "80.4%", count: "1,020" });
  });

  it("shows a denominator of 0 as no contacts, and a withheld group as withheld", () => {
    expect(figureCells(shown, "sv").assessment).toEqual({ state: "none", rate: "–", count: "0" });
    expect(figureCells(withheld, "sv").phone).toEqual({ state: "withheld", rate: "–", count: "" });
  });

  it("tells whether any figure is withheld", () => {
    expect(anyWithheld([shown])).toBe(false);
    expect(anyWithheld([shown, withheld])).toBe(true);
  });
});
