// The model and snapshot of FORMATS.md ("Reimbursement") as zod schemas. Decimal values stay strings here
// (the run parses them exactly); the schemas only make sure they are well-formed, so that every problem is
// reported at once with its JSON path before any money is computed.
import { z } from "zod";
import { formatIssuePath } from "../../errors.ts";
import { MONTH_RE, monthInRange } from "./months.ts";
import { compare, decimalPlaces, ONE, tryParseDecimal, ZERO } from "./rational.ts";
import type { PoolKey, ReimbursementIssue } from "./types.ts";

/** The oldest age a listing or weight band may name; anything above is a data error, not a person. */
export const MAX_AGE = 150;

const AGE_KEY_RE = /^(0|[1-9]\d{0,2})$/;
const HSA_ID_RE = /^[A-Za-z0-9][A-Za-z0-9-]*$/;
const NAME_RE = /^[\p{L}\p{N}][\p{L}\p{N}._-]*$/u;

interface DecimalRules {
  /** Message when the value is not a plain decimal string at all. */
  what: string;
  maxPlaces?: number;
  sign: "nonNegative" | "positive";
  /** Upper bound, inclusive (rates and thresholds are at most 1). */
  atMostOne?: boolean;
}

function decimalProblem(text: string, rules: DecimalRules): string | undefined {
  const value = tryParseDecimal(text);
  if (value === undefined) return rules.what;
  if (rules.maxPlaces !== undefined && decimalPlaces(text) > rules.maxPlaces) {
    return `${rules.what}: at most ${rules.maxPlaces} decimals (whole öre)`;
  }
  if (rules.sign === "positive" && compare(value, ZERO) <= 0) return "must be greater than 0";
  if (rules.sign === "nonNegative" && compare(value, ZERO) < 0) return "must not be negative";
  if (rules.atMostOne === true && compare(value, ONE) > 0) return "must be between 0 and 1";
  return undefined;
}

function decimalString(rules: DecimalRules) {
  return z.string({ error: rules.what }).superRefine((text, ctx) => {
    const problem = decimalProblem(text, rules);
    if (problem !== undefined) ctx.addIssue({ code: "custom", message: problem });
  });
}

/** Amounts that are split or compared with whole öre: at most two decimals. */
const kronorAmount = decimalString({
  what: 'not a decimal amount (kronor as a string such as "54000000.00")',
  maxPlaces: 2,
  sign: "nonNegative",
});
/** Prices are multiplied before the one rounding, so finer prices are exact and allowed. */
const kronorPrice = decimalString({
  what: 'not a decimal amount (kronor as a string such as "2000.00")',
  sign: "nonNegative",
});
const weightDecimal = decimalString({
  what: 'not a decimal number (a string such as "1.30")',
  sign: "nonNegative",
});
const indexDecimal = decimalString({
  what: 'not a decimal number (a string such as "1.0840")',
  sign: "positive",
});
const rateDecimal = decimalString({
  what: 'not a decimal rate (a string such as "0.90")',
  sign: "nonNegative",
  atMostOne: true,
});

function wholeNumber(what: string, max?: number) {
  return z.number({ error: what }).superRefine((value, ctx) => {
    if (!Number.isSafeInteger(value) || value < 0) ctx.addIssue({ code: "custom", message: what });
    else if (max !== undefined && value > max)
      ctx.addIssue({ code: "custom", message: `must be at most ${max}` });
  });
}

/** Rural points: a whole number as in the example (14), or a decimal string for fractional points. */
const ruralPoints = z
  .union([z.number(), z.string()], {
    error: 'not a number of rural points (a whole number such as 14, or a decimal string such as "12.5")',
  })
  .superRefine((value, ctx) => {
    const what =
      'not a number of rural points (a whole number such as 14, or a decimal string such as "12.5")';
    if (typeof value === "number") {
      if (!Number.isSafeInteger(value) || value < 0) ctx.addIssue({ code: "custom", message: what });
      return;
    }
    const problem = decimalProblem(value, { what, sign: "nonNegative" });
    if (problem !== undefined) ctx.addIssue({ code: "custom", message: problem });
  });

const month = z.string({ error: 'not a month (a string "YYYY-MM")' }).regex(MONTH_RE, {
  error: 'not a month (a string "YYYY-MM")',
});
const age = wholeNumber("not an age in whole years", MAX_AGE);
// A refinement, not `.trim()`: the parsed model must stay equal to the input it was hashed from.
const nonEmptyText = z
  .string({ error: "not a text" })
  .refine((text) => text.trim().length > 0, { error: "must not be empty" });
const name = (what: string) => z.string({ error: what }).regex(NAME_RE, { error: what });
const hsaId = z
  .string({ error: 'not an HSA-id (such as "SE2321000000-E0001")' })
  .regex(HSA_ID_RE, { error: 'not an HSA-id (such as "SE2321000000-E0001")' });

const ageWeightSchema = z.strictObject({
  from: age,
  to: age.nullable(),
  weight: weightDecimal,
});

const componentBase = {
  id: name("not a component id (letters, digits, '.', '_' or '-')"),
  label: nonEmptyText,
};

const capitationSchema = z.strictObject({
  ...componentBase,
  type: z.literal("capitation"),
  annualPricePerPoint: kronorPrice,
  ageWeights: z.array(ageWeightSchema, { error: "not a list of age weights" }).min(1, {
    error: "needs at least one age band",
  }),
  indices: z
    .array(name('not an index name (such as "acg")'), { error: "not a list of index names" })
    .optional(),
});

export const POOL_KEYS = [
  "listed",
  "ruralPointsTimesListed",
  "multimorbidIdentified",
  "homeVisits",
  "sameDayGoalMetTimesListed",
] as const satisfies readonly PoolKey[];

const poolSchema = z.strictObject({
  ...componentBase,
  type: z.literal("pool"),
  annualAmount: kronorAmount,
  key: z.enum(POOL_KEYS, { error: `not a pool key (one of ${POOL_KEYS.join(", ")})` }),
  minRuralPoints: ruralPoints.optional(),
  sameDayThreshold: rateDecimal.optional(),
});

export const EVENTS = ["homeVisits"] as const;

const perEventSchema = z.strictObject({
  ...componentBase,
  type: z.literal("perEvent"),
  event: z.enum(EVENTS, { error: `not an event (one of ${EVENTS.join(", ")})` }),
  price: kronorPrice,
  annualBudget: kronorAmount.optional(),
});

const grantSchema = z.strictObject({
  ...componentBase,
  type: z.literal("grant"),
  grants: z.array(
    z.strictObject({
      unit: hsaId,
      annualAmount: kronorAmount,
      from: month,
      to: month,
    }),
    { error: "not a list of grants" },
  ),
});

export const COMPONENT_TYPES = ["capitation", "pool", "perEvent", "grant"] as const;

const componentSchema = z.discriminatedUnion("type", [
  capitationSchema,
  poolSchema,
  perEventSchema,
  grantSchema,
]);

export const reimbursementModelSchema = z.strictObject({
  id: name("not a model id (letters, digits, '.', '_' or '-')"),
  name: nonEmptyText,
  validFrom: month,
  /** `null` (an extension) leaves the model open-ended. */
  validTo: month.nullable(),
  components: z.array(componentSchema, { error: "not a list of components" }),
});

const snapshotUnitSchema = z.object({
  hsaId,
  listedByAge: z.record(
    z.string().refine((key) => AGE_KEY_RE.test(key) && Number(key) <= MAX_AGE, {
      error: `not an age in whole years ("0" … "${MAX_AGE}")`,
    }),
    wholeNumber("not a count of listed persons"),
    { error: "not an object of age → listed count" },
  ),
  indices: z.record(z.string(), indexDecimal, { error: "not an object of index name → decimal" }).optional(),
  ruralPoints: ruralPoints.optional(),
  multimorbidIdentified: wholeNumber("not a count of identified multimorbid patients").optional(),
  homeVisits: wholeNumber("not a count of home-care visits").optional(),
  sameDayRate: rateDecimal.optional(),
});

export const reimbursementSnapshotSchema = z.object({
  month,
  units: z.array(snapshotUnitSchema, { error: "not a list of units" }),
});

export type ReimbursementModel = z.output<typeof reimbursementModelSchema>;
export type ReimbursementComponent = ReimbursementModel["components"][number];
export type CapitationComponent = Extract<ReimbursementComponent, { type: "capitation" }>;
export type PoolComponent = Extract<ReimbursementComponent, { type: "pool" }>;
export type PerEventComponent = Extract<ReimbursementComponent, { type: "perEvent" }>;
export type GrantComponent = Extract<ReimbursementComponent, { type: "grant" }>;
export type ReimbursementSnapshot = z.output<typeof reimbursementSnapshotSchema>;
export type SnapshotUnit = ReimbursementSnapshot["units"][number];

export const KNOWN_SNAPSHOT_FIELDS = ["month", "units"] as const;
export const KNOWN_SNAPSHOT_UNIT_FIELDS = [
  "hsaId",
  "listedByAge",
  "indices",
  "ruralPoints",
  "multimorbidIdentified",
  "homeVisits",
  "sameDayRate",
] as const;

export type ParseOutcome<T> = { ok: true; value: T } | { ok: false; issues: ReimbursementIssue[] };

interface ZodIssueLike {
  code: string;
  path: readonly PropertyKey[];
  message: string;
  input?: unknown;
  keys?: readonly string[];
  options?: readonly unknown[];
  issues?: readonly { message: string }[];
}

/** zod issues to `path: message` problems the user can act on; unknown keys become one problem each. */
function toIssues(input: "model" | "snapshot", issues: readonly ZodIssueLike[]): ReimbursementIssue[] {
  const out: ReimbursementIssue[] = [];
  for (const issue of issues) {
    if (issue.code === "unrecognized_keys") {
      for (const key of issue.keys ?? []) {
        out.push({ input, path: formatIssuePath([...issue.path, key]), message: "unknown field" });
      }
      continue;
    }
    let message = issue.message;
    if (issue.code === "invalid_type" && issue.input === undefined) message = "required";
    else if (issue.code === "invalid_union" && issue.options !== undefined) {
      // The issue's input is the whole component; its `type` is what was wrong.
      const given = (issue.input as { type?: unknown } | null | undefined)?.type;
      message = `${given === undefined ? "required" : "unknown component type"}: one of ${COMPONENT_TYPES.join(", ")}`;
    } else if (issue.code === "invalid_key" && issue.issues?.[0] !== undefined) {
      message = issue.issues[0].message;
    }
    out.push({ input, path: formatIssuePath(issue.path), message });
  }
  return out;
}

/** Rules that a schema cannot express: ids, overlaps, periods. Runs on a structurally valid model. */
export function checkModelRules(model: ReimbursementModel): ReimbursementIssue[] {
  const issues: ReimbursementIssue[] = [];
  const problem = (path: PropertyKey[], message: string) =>
    issues.push({ input: "model", path: formatIssuePath(path), message });

  if (model.validTo !== null && model.validTo < model.validFrom) {
    problem(["validTo"], `${model.validTo} is before validFrom ${model.validFrom}`);
  }
  const firstIndexOfId = new Map<string, number>();
  model.components.forEach((component, i) => {
    const earlier = firstIndexOfId.get(component.id);
    if (earlier !== undefined) problem(["components", i, "id"], `duplicate of components[${earlier}].id`);
    else firstIndexOfId.set(component.id, i);

    switch (component.type) {
      case "capitation": {
        component.ageWeights.forEach((band, k) => {
          if (band.to !== null && band.to < band.from) {
            problem(["components", i, "ageWeights", k, "to"], `${band.to} is below from (${band.from})`);
            return;
          }
          for (let j = 0; j < k; j++) {
            const other = component.ageWeights[j];
            if (other === undefined || (other.to !== null && other.to < other.from)) continue;
            const overlaps =
              (band.to === null || other.from <= band.to) && (other.to === null || band.from <= other.to);
            if (overlaps) {
              problem(
                ["components", i, "ageWeights", k],
                `ages ${band.from}–${band.to ?? ""} overlap ageWeights[${j}] (${other.from}–${other.to ?? ""})`,
              );
            }
          }
        });
        const seenIndex = new Set<string>();
        component.indices?.forEach((index, k) => {
          if (seenIndex.has(index)) problem(["components", i, "indices", k], `index "${index}" listed twice`);
          seenIndex.add(index);
        });
        break;
      }
      case "pool":
        if (component.key === "sameDayGoalMetTimesListed" && component.sameDayThreshold === undefined) {
          problem(["components", i, "sameDayThreshold"], "required for key sameDayGoalMetTimesListed");
        }
        if (component.key !== "sameDayGoalMetTimesListed" && component.sameDayThreshold !== undefined) {
          problem(["components", i, "sameDayThreshold"], "only applies to key sameDayGoalMetTimesListed");
        }
        break;
      case "perEvent":
        break;
      case "grant":
        component.grants.forEach((grant, k) => {
          if (grant.to < grant.from) {
            problem(["components", i, "grants", k, "to"], `${grant.to} is before from (${grant.from})`);
          }
        });
        break;
    }
  });
  return issues;
}

export function parseReimbursementModel(input: unknown): ParseOutcome<ReimbursementModel> {
  const parsed = reimbursementModelSchema.safeParse(input, { reportInput: true });
  if (!parsed.success) return { ok: false, issues: toIssues("model", parsed.error.issues as ZodIssueLike[]) };
  const issues = checkModelRules(parsed.data);
  return issues.length > 0 ? { ok: false, issues } : { ok: true, value: parsed.data };
}

export function parseReimbursementSnapshot(input: unknown): ParseOutcome<ReimbursementSnapshot> {
  const parsed = reimbursementSnapshotSchema.safeParse(input, { reportInput: true });
  if (!parsed.success)
    return { ok: false, issues: toIssues("snapshot", parsed.error.issues as ZodIssueLike[]) };
  const issues: ReimbursementIssue[] = [];
  const firstIndexOfUnit = new Map<string, number>();
  parsed.data.units.forEach((unit, i) => {
    const earlier = firstIndexOfUnit.get(unit.hsaId);
    if (earlier !== undefined) {
      issues.push({
        input: "snapshot",
        path: formatIssuePath(["units", i, "hsaId"]),
        message: `duplicate of units[${earlier}].hsaId`,
      });
    } else firstIndexOfUnit.set(unit.hsaId, i);
  });
  return issues.length > 0 ? { ok: false, issues } : { ok: true, value: parsed.data };
}

type UnitField = "ruralPoints" | "multimorbidIdentified" | "homeVisits" | "sameDayRate";

/** The snapshot fields each unit must carry for a component, beyond hsaId and listedByAge. */
function requiredUnitFields(component: ReimbursementComponent): UnitField[] {
  switch (component.type) {
    case "capitation":
    case "grant":
      return [];
    case "perEvent":
      return [component.event];
    case "pool": {
      const fields: UnitField[] = [];
      if (component.minRuralPoints !== undefined || component.key === "ruralPointsTimesListed") {
        fields.push("ruralPoints");
      }
      if (component.key === "multimorbidIdentified") fields.push("multimorbidIdentified");
      if (component.key === "homeVisits") fields.push("homeVisits");
      if (component.key === "sameDayGoalMetTimesListed") fields.push("sameDayRate");
      return fields;
    }
  }
}

/**
 * Rules between a valid model and a valid snapshot: the month is inside the model's validity, and every
 * unit carries each index and count that some component needs (a missing index would otherwise silently
 * pay as if it were 1, a missing count as if it were 0).
 */
export function checkSnapshotAgainstModel(
  model: ReimbursementModel,
  snapshot: ReimbursementSnapshot,
): ReimbursementIssue[] {
  const issues: ReimbursementIssue[] = [];
  if (!monthInRange(snapshot.month, model.validFrom, model.validTo)) {
    issues.push({
      input: "snapshot",
      path: "month",
      message: `${snapshot.month} is outside the validity of model ${model.id} (${model.validFrom} … ${model.validTo ?? "open"})`,
    });
  }
  snapshot.units.forEach((unit, i) => {
    const reported = new Set<string>();
    for (const component of model.components) {
      if (component.type === "capitation") {
        for (const index of component.indices ?? []) {
          const path = formatIssuePath(["units", i, "indices", index]);
          if (unit.indices?.[index] === undefined && !reported.has(path)) {
            reported.add(path);
            issues.push({
              input: "snapshot",
              path,
              message: `missing; component "${component.id}" multiplies by it`,
            });
          }
        }
      }
      for (const field of requiredUnitFields(component)) {
        const path = formatIssuePath(["units", i, field]);
        if (unit[field] === undefined && !reported.has(path)) {
          reported.add(path);
          issues.push({ input: "snapshot", path, message: `required by component "${component.id}"` });
        }
      }
    }
  });
  return issues;
}

/** A snapshot field this version does not read (ignored, with a warning); `hsaId` for a unit's field. */
export interface UnknownSnapshotField {
  hsaId?: string;
  field: string;
}

/**
 * Fields of a (valid) snapshot this version does not read, by HSA-id rather than array position so that
 * the warnings do not depend on the order of the units; sorted by HSA-id, then field.
 */
export function unknownSnapshotFields(input: unknown): UnknownSnapshotField[] {
  const out: UnknownSnapshotField[] = [];
  if (input === null || typeof input !== "object" || Array.isArray(input)) return out;
  const known = new Set<string>(KNOWN_SNAPSHOT_FIELDS);
  for (const key of Object.keys(input).sort()) if (!known.has(key)) out.push({ field: key });
  const units = (input as { units?: unknown }).units;
  if (!Array.isArray(units)) return out;
  const knownUnit = new Set<string>(KNOWN_SNAPSHOT_UNIT_FIELDS);
  const perUnit: UnknownSnapshotField[] = [];
  for (const unit of units) {
    if (unit === null || typeof unit !== "object" || Array.isArray(unit)) continue;
    const hsaId = String((unit as { hsaId?: unknown }).hsaId);
    for (const key of Object.keys(unit)) if (!knownUnit.has(key)) perUnit.push({ hsaId, field: key });
  }
  perUnit.sort((a, b) =>
    a.hsaId !== b.hsaId
      ? (a.hsaId ?? "") < (b.hsaId ?? "")
        ? -1
        : 1
      : a.field < b.field
        ? -1
        : a.field > b.field
          ? 1
          : 0,
  );
  return [...out, ...perUnit];
}

export type InputsCheck =
  | {
      ok: true;
      model: ReimbursementModel;
      snapshot: ReimbursementSnapshot;
      unknownFields: UnknownSnapshotField[];
    }
  | { ok: false; issues: ReimbursementIssue[] };

/** Both inputs validated, alone and against each other; every problem of both files is reported at once. */
export function checkReimbursementInputs(model: unknown, snapshot: unknown): InputsCheck {
  const m = parseReimbursementModel(model);
  const s = parseReimbursementSnapshot(snapshot);
  const issues = [...(m.ok ? [] : m.issues), ...(s.ok ? [] : s.issues)];
  if (!m.ok || !s.ok) return { ok: false, issues };
  const cross = checkSnapshotAgainstModel(m.value, s.value);
  if (cross.length > 0) return { ok: false, issues: cross };
  return { ok: true, model: m.value, snapshot: s.value, unknownFields: unknownSnapshotFields(snapshot) };
}

/** A problem as one line: `model components[2].annualAmount: not a decimal amount …`. */
export function formatReimbursementIssue(issue: ReimbursementIssue): string {
  return `${issue.input} ${issue.path}: ${issue.message}`;
}
