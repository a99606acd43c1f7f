import { describe, expect, it } from "vitest";
import { buildBody, editBody, emptyValues, type FormValues, fieldOfIssuePath, kronorInput } from "./form.ts";

function filled(overrides: Partial<FormValues> = {}): FormValues {
  return {
    ...emptyValues("2026-03-02"),
    id: "stomivard",
    title: "Stomivård",
    fromClinic: "Kirurgkliniken",
    status: "in_effect",
    decisionRef: "RS 2026/1",
    decidedOn: "2026-01-15",
    from: "2026-02",
    expectedAnnualVolume: "900",
    volumeUnit: "besök",
    estimatedAnnualCost: "630 000",
    annualCompensation: "315000,50",
    ...overrides,
  };
}

describe("kronorInput", () => {
  it.each([
    ["2340000", "2340000"],
    ["2 340 000,50", "2340000.50"],
    ["2\u00a0340\u00a0000,5 kr", "2340000.5"],
    ["2,340,000.50", "2340000.50"],
    ["1500000.00", "1500000.00"],
    ["0", "0"],
  ])("%j → %j", (text, kronor) => {
    expect(kronorInput(text)).toBe(kronor);
  });

  it.each(["", "12,345", "-5", "1.005", "abc", "1e6", "1,50,000"])("refuses %j", (text) => {
    // "12,345": a Swedish decimal comma with three decimals or English grouping; refused, not guessed.
    expect(kronorInput(text)).toBeNull();
  });
});

describe("buildBody", () => {
  it("builds the register's shape from the form", () => {
    const result = buildBody(
      filled({ unitsMode: "chosen", units: ["SE1", "SE2"], component: " hemsjukvard " }),
    );
    expect(result).toEqual({
      ok: true,
      body: {
        id: "stomivard",
        title: "Stomivård",
        fromClinic: "Kirurgkliniken",
        decisionRef: "RS 2026/1",
        decidedOn: "2026-01-15",
        status: "in_effect",
        from: "2026-02",
        to: null,
        expectedAnnualVolume: 900,
        volumeUnit: "besök",
        estimatedAnnualCost: "630000",
        annualCompensation: "315000.50",
        component: "hemsjukvard",
        units: ["SE1", "SE2"],
      },
    });
    if (result.ok) expect(editBody(result.body)).not.toHaveProperty("id");
  });

  it("lets a proposal leave out the decision", () => {
    const result = buildBody(filled({ status: "proposed", decisionRef: "", decidedOn: "" }));
    expect(result.ok && result.body.decisionRef === null && result.body.decidedOn === null).toBe(true);
  });

  it("names every field with a problem", () => {
    const result = buildBody(
      filled({
        title: " ",
        decidedOn: "",
        to: "2025-12",
        expectedAnnualVolume: "9,5",
        estimatedAnnualCost: "mycket",
        unitsMode: "chosen",
        units: [],
      }),
    );
    expect(result).toEqual({
      ok: false,
      problems: [
        { field: "title", kind: "required" },
        { field: "decidedOn", kind: "required" },
        { field: "to", kind: "toBeforeFrom" },
        { field: "expectedAnnualVolume", kind: "notWhole" },
        { field: "estimatedAnnualCost", kind: "notAmount" },
        { field: "units", kind: "noUnits" },
      ],
    });
  });

  it("asks an ended transfer for its last month", () => {
    expect(buildBody(filled({ status: "ended" }))).toEqual({
      ok: false,
      problems: [{ field: "to", kind: "endedNeedsTo" }],
    });
  });
});

describe("fieldOfIssuePath", () => {
  it.each([
    ["body.estimatedAnnualCost", "estimatedAnnualCost"],
    ["units[1]", "units"],
    ["body.units[0]", "units"],
    ["decidedOn", "decidedOn"],
    ["(root)", null],
    ["body", null],
  ])("%s → %s", (path, field) => {
    expect(fieldOfIssuePath(path)).toBe(field);
  });
});
