import { describe, expect, it } from "vitest";
import { promiseRecordSchema } from "../src/modules/committee/committee.schemas.ts";
import { demoPromises } from "./promises.ts";
import { generateDemoRegionFiles } from "./regions.ts";
import { demoReimbursementModels } from "./reimbursement.ts";

// The demo's promises are valid records and follow what the demo has: every money promise names a
// component of the region's current model with exactly the budget the seed text gives.
describe("demo promises", () => {
  const models = demoReimbursementModels(generateDemoRegionFiles());

  it.each(["22", "24"])("region %s: valid, unique keys, three questions", (region) => {
    const { promises, questions } = demoPromises(region);
    for (const promise of promises) expect(promiseRecordSchema.parse(promise)).toEqual(promise);
    expect(new Set(promises.map((p) => p.key)).size).toBe(promises.length);
    expect(questions.map((q) => q.number)).toEqual([1, 2, 3]);
  });

  it.each([
    ["glesbygd", "54000000.00"],
    ["hemsjukvard", "8500000.00"],
    ["multisjuka", "7000000.00"],
    ["tillganglighet", "10000000.00"],
  ])("Västernorrland's %s promise matches the 2026 model's budget line %s kr", (componentId, kronor) => {
    const promise = demoPromises("22").promises.find(
      (p) => p.measure.kind === "componentBudget" && p.measure.componentId === componentId,
    );
    expect(promise?.target).toEqual({ comparison: "atLeast", value: kronor });
    const model = models.find((m) => m.model.id === "vasternorrland-2026")?.model;
    const component = model?.components.find((c) => c.id === componentId) as
      | { annualAmount?: string; annualBudget?: string }
      | undefined;
    expect(component?.annualAmount ?? component?.annualBudget).toBe(kronor);
  });

  it("follows the Kramfors and Sollefteå grant and the national telephone figure", () => {
    const { promises } = demoPromises("22");
    expect(promises.find((p) => p.measure.kind === "grantEffect")?.measure).toEqual({
      kind: "grantEffect",
      componentId: "riktad-bemanning",
      effectMeasure: "skrPhoneRate",
    });
    expect(promises.find((p) => p.measure.kind === "skrPhoneRate")?.target).toEqual({
      comparison: "atLeast",
      value: "0.875",
    });
  });
});
