import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import {
  checkReimbursementInputs,
  formatReimbursementIssue,
  parseReimbursementModel,
  parseReimbursementSnapshot,
} from "./schemas.ts";

// The tests edit the example files as raw JSON, field by field, to make them invalid on purpose.
// biome-ignore lint/suspicious/noExplicitAny: raw JSON being broken on purpose
type RawJson = any;

const EXAMPLES = new URL("../../../../shared/examples/", import.meta.url);
const exampleModel = () =>
  JSON.parse(readFileSync(new URL("reimbursement-model-2026.json", EXAMPLES), "utf8"));
const exampleSnapshot = () =>
  JSON.parse(readFileSync(new URL("reimbursement-snapshot-2026-03.json", EXAMPLES), "utf8"));

/** The example model with one change made by `edit`. */
function modelWith(edit: (model: RawJson) => void): unknown {
  const model = exampleModel();
  edit(model);
  return model;
}

function snapshotWith(edit: (snapshot: RawJson) => void): unknown {
  const snapshot = exampleSnapshot();
  edit(snapshot);
  return snapshot;
}

function modelProblems(model: unknown): string[] {
  const parsed = parseReimbursementModel(model);
  return parsed.ok ? [] : parsed.issues.map((i) => `${i.path}: ${i.message}`);
}

describe("model schema", () => {
  it("accepts the shared example", () => {
    expect(parseReimbursementModel(exampleModel())).toEqual({ ok: true, value: exampleModel() });
  });

  it.each<[string, (m: RawJson) => void, string]>([
    [
      "an amount as a JSON number",
      (m) => {
        m.components[2].annualAmount = 10000000;
      },
      "components[2].annualAmount: not a decimal amount",
    ],
    [
      "an amount that is not a number",
      (m) => {
        m.components[2].annualAmount = "10 MSEK";
      },
      "components[2].annualAmount: not a decimal amount",
    ],
    [
      "an amount in fractions of an öre",
      (m) => {
        m.components[1].annualAmount = "54000000.005";
      },
      "components[1].annualAmount: not a decimal amount",
    ],
    [
      "a negative amount",
      (m) => {
        m.components[4].annualAmount = "-1.00";
      },
      "components[4].annualAmount: must not be negative",
    ],
    [
      "a missing price",
      (m) => {
        delete m.components[3].price;
      },
      "components[3].price: required",
    ],
    [
      "a weight that is not decimal",
      (m) => {
        m.components[0].ageWeights[2].weight = "0,75";
      },
      "components[0].ageWeights[2].weight: not a decimal number",
    ],
    [
      "an unknown component type",
      (m) => {
        m.components[1].type = "bonus";
      },
      "components[1].type: unknown component type: one of capitation, pool, perEvent, grant",
    ],
    [
      "a component without a type",
      (m) => {
        delete m.components[3].type;
      },
      "components[3].type: required: one of capitation, pool, perEvent, grant",
    ],
    [
      "an unknown pool key",
      (m) => {
        m.components[1].key = "population";
      },
      "components[1].key: not a pool key",
    ],
    [
      "a misspelled optional field (would silently change the money if ignored)",
      (m) => {
        m.components[1].minRuralPoint = 10;
      },
      "components[1].minRuralPoint: unknown field",
    ],
    [
      "a month that is not YYYY-MM",
      (m) => {
        m.components[5].grants[0].to = "2027-13";
      },
      "components[5].grants[0].to: not a month",
    ],
    [
      "a same-day threshold above 1",
      (m) => {
        m.components[2].sameDayThreshold = "90";
      },
      "components[2].sameDayThreshold: must be between 0 and 1",
    ],
    [
      "an index of zero in the list of names",
      (m) => {
        m.components[0].indices = ["acg", ""];
      },
      "components[0].indices[1]: not an index name",
    ],
    [
      "duplicate component ids",
      (m) => {
        m.components[4].id = "glesbygd";
      },
      "components[4].id: duplicate of components[1].id",
    ],
    [
      "overlapping age bands",
      (m) => {
        m.components[0].ageWeights[3].from = 45;
      },
      "components[0].ageWeights[3]: ages 45–64 overlap ageWeights[2] (20–49)",
    ],
    [
      "an open-ended band overlapping a later one",
      (m) => {
        m.components[0].ageWeights.push({ from: 90, to: 95, weight: "3.00" });
      },
      "components[0].ageWeights[6]: ages 90–95 overlap ageWeights[5] (80–)",
    ],
    [
      "an age band ending before it starts",
      (m) => {
        m.components[0].ageWeights[1].to = 5;
      },
      "components[0].ageWeights[1].to: 5 is below from (7)",
    ],
    [
      "a grant period ending before it starts",
      (m) => {
        m.components[5].grants[1].from = "2028-01";
      },
      "components[5].grants[1].to: 2027-12 is before from (2028-01)",
    ],
    [
      "validTo before validFrom",
      (m) => {
        m.validTo = "2025-12";
      },
      "validTo: 2025-12 is before validFrom 2026-01",
    ],
    [
      "a same-day pool without its threshold",
      (m) => {
        delete m.components[2].sameDayThreshold;
      },
      "components[2].sameDayThreshold: required for key sameDayGoalMetTimesListed",
    ],
    [
      "a threshold on a pool that is not same-day",
      (m) => {
        m.components[4].sameDayThreshold = "0.5";
      },
      "components[4].sameDayThreshold: only applies to key sameDayGoalMetTimesListed",
    ],
  ])("rejects %s with its JSON path", (_what, edit, expected) => {
    const problems = modelProblems(modelWith(edit));
    expect(
      problems.some((p) => p.startsWith(expected)),
      `${expected}\nnot in\n${problems.join("\n")}`,
    ).toBe(true);
  });

  it("reports every structural problem at once", () => {
    const problems = modelProblems(
      modelWith((m) => {
        m.components[1].annualAmount = 5;
        m.components[3].price = "x";
        delete m.name;
      }),
    );
    expect(problems).toHaveLength(3);
  });

  it("rejects what is not a model at all", () => {
    expect(modelProblems(null)).toEqual(["(root): Invalid input: expected object, received null"]);
    expect(modelProblems({})).toEqual([
      "id: required",
      "name: required",
      "validFrom: required",
      "validTo: required",
      "components: required",
    ]);
  });

  it("accepts an open-ended model (validTo null) and fractional rural points", () => {
    expect(
      modelProblems(
        modelWith((m) => {
          m.validTo = null;
          m.components[1].minRuralPoints = "9.5";
        }),
      ),
    ).toEqual([]);
  });
});

describe("snapshot schema", () => {
  it("accepts the shared example", () => {
    expect(parseReimbursementSnapshot(exampleSnapshot()).ok).toBe(true);
  });

  it.each<[string, (s: RawJson) => void, string]>([
    [
      "an age that is not a whole number",
      (s) => {
        s.units[1].listedByAge["4.5"] = 3;
      },
      'units[1].listedByAge.4.5: not an age in whole years ("0" … "150")',
    ],
    [
      "an age above the oldest possible",
      (s) => {
        s.units[1].listedByAge["151"] = 1;
      },
      'units[1].listedByAge.151: not an age in whole years ("0" … "150")',
    ],
    [
      "a negative count",
      (s) => {
        s.units[0].listedByAge["7"] = -1;
      },
      "units[0].listedByAge.7: not a count of listed persons",
    ],
    [
      "an index written as a number",
      (s) => {
        s.units[2].indices.acg = 0.942;
      },
      "units[2].indices.acg: not a decimal number",
    ],
    [
      "a zero index",
      (s) => {
        s.units[2].indices.acg = "0";
      },
      "units[2].indices.acg: must be greater than 0",
    ],
    [
      "a same-day rate above 1",
      (s) => {
        s.units[0].sameDayRate = "1.2";
      },
      "units[0].sameDayRate: must be between 0 and 1",
    ],
    [
      "a duplicate unit",
      (s) => {
        s.units[2].hsaId = s.units[0].hsaId;
      },
      "units[2].hsaId: duplicate of units[0].hsaId",
    ],
    [
      "fractional home visits",
      (s) => {
        s.units[1].homeVisits = 1.5;
      },
      "units[1].homeVisits: not a count of home-care visits",
    ],
    [
      "a missing month",
      (s) => {
        delete s.month;
      },
      "month: required",
    ],
  ])("rejects %s with its JSON path", (_what, edit, expected) => {
    const parsed = parseReimbursementSnapshot(snapshotWith(edit));
    const problems = parsed.ok ? [] : parsed.issues.map((i) => `${i.path}: ${i.message}`);
    expect(
      problems.some((p) => p.startsWith(expected)),
      `${expected}\nnot in\n${problems.join("\n")}`,
    ).toBe(true);
  });
});

describe("model against snapshot", () => {
  it.each<[string, (s: RawJson) => void, string]>([
    [
      "a month outside the model's validity",
      (s) => {
        s.month = "2027-01";
      },
      "snapshot month: 2027-01 is outside the validity of model vasternorrland-2026-exempel (2026-01 … 2026-12)",
    ],
    [
      "a missing index the capitation multiplies by",
      (s) => {
        delete s.units[1].indices.acg;
      },
      'snapshot units[1].indices.acg: missing; component "vardpeng" multiplies by it',
    ],
    [
      "missing rural points under a rural pool",
      (s) => {
        delete s.units[0].ruralPoints;
      },
      'snapshot units[0].ruralPoints: required by component "glesbygd"',
    ],
    [
      "a missing same-day rate under a same-day pool",
      (s) => {
        delete s.units[2].sameDayRate;
      },
      'snapshot units[2].sameDayRate: required by component "tillganglighet"',
    ],
    [
      "missing home visits under a per-event component",
      (s) => {
        delete s.units[2].homeVisits;
      },
      'snapshot units[2].homeVisits: required by component "hemsjukvard"',
    ],
  ])("rejects %s", (_what, edit, expected) => {
    const checked = checkReimbursementInputs(exampleModel(), snapshotWith(edit));
    expect(checked.ok).toBe(false);
    if (!checked.ok) expect(checked.issues.map(formatReimbursementIssue)).toEqual([expected]);
  });

  it("does not require counts that no component uses", () => {
    const model = modelWith((m) => {
      m.components = [m.components[0]];
    });
    const snapshot = snapshotWith((s) => {
      for (const unit of s.units) {
        delete unit.ruralPoints;
        delete unit.multimorbidIdentified;
        delete unit.homeVisits;
        delete unit.sameDayRate;
      }
    });
    expect(checkReimbursementInputs(model, snapshot).ok).toBe(true);
  });

  it("reports the problems of both files together, each with its file", () => {
    const checked = checkReimbursementInputs(
      modelWith((m) => {
        m.components[1].annualAmount = "abc";
      }),
      snapshotWith((s) => {
        s.units[0].homeVisits = "many";
      }),
    );
    expect(checked.ok).toBe(false);
    if (!checked.ok) {
      expect(checked.issues.map((i) => `${i.input} ${i.path}`)).toEqual([
        "model components[1].annualAmount",
        "snapshot units[0].homeVisits",
      ]);
    }
  });

  it("lists unknown snapshot fields by HSA-id, not position", () => {
    const checked = checkReimbursementInputs(
      exampleModel(),
      snapshotWith((s) => {
        s.units[2].name = "Härnösand";
        s.units[0].kommun = "2280";
        s.region = "22";
      }),
    );
    expect(checked.ok && checked.unknownFields).toEqual([
      { field: "region" },
      { hsaId: "SE2321000000-E0001", field: "kommun" },
      { hsaId: "SE5560001230-E0003", field: "name" },
    ]);
  });
});
