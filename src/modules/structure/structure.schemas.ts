import { z } from "zod";
import { STRUCTURE_DIMENSIONS } from "../../domain/structure/groups.ts";
import { monthSchema, regionCodeSchema } from "../listing/listing.schemas.ts";

// Request and response shapes of the unit structure API and its close/open scenario. The web imports
// the response types from here.

export const structureQuerySchema = z.object({
  region: regionCodeSchema,
  /** Default: the latest month with an approved payment run, else the latest month with listing. */
  month: monthSchema.optional(),
});

const oreText = z
  .string()
  .regex(/^-?\d+$/)
  .describe("whole öre as decimal text");
const rateGroup = z.object({
  /** null where suppressed (committee, FORMATS.md "Open data"). */
  denominator: z.number().int().nullable(),
  count: z.number().int().nullable(),
  rate: z.number().nullable(),
  suppressed: z.boolean(),
});

const unitRowSchema = z.object({
  hsaId: z.string(),
  name: z.string(),
  type: z.string(),
  ownership: z.string(),
  provider: z.string(),
  kommunCode: z.string(),
  kommunName: z.string(),
  lat: z.number(),
  lon: z.number(),
  listed: z.number().int(),
  specialistFte: z
    .string()
    .nullable()
    .describe("specialist FTE (both forms of employment); null without staffing"),
  listedPerSpecialist: z.string().nullable(),
  paymentOre: oreText.nullable().describe("the month's Vårdval payment in the approved run"),
  paymentPerListedOre: oreText.nullable(),
  componentsOre: z.record(z.string(), oreText),
  ruralPoints: z.string().nullable(),
  phone: rateGroup.describe("SKR telephone rate: answered same day of offered"),
  resident: rateGroup.describe("resident rate: responded same day of all contacts"),
});

const groupRowSchema = z.object({
  dimension: z.enum(STRUCTURE_DIMENSIONS),
  key: z.string(),
  label: z.string(),
  units: z.number().int(),
  listed: z.number().int(),
  specialistFte: z.string().nullable(),
  listedPerSpecialist: z.string().nullable(),
  paymentOre: oreText.nullable(),
  paymentPerListedOre: oreText.nullable(),
  componentsOre: z.record(z.string(), oreText),
  phone: rateGroup,
  resident: rateGroup,
});

export const structureResponseSchema = z.object({
  region: z.string(),
  month: monthSchema,
  preliminary: z.boolean(),
  /** False when this database has no staffing register yet: listed per specialist is then null everywhere. */
  staffingAvailable: z.boolean(),
  run: z.object({ id: z.number().int(), month: monthSchema }).nullable(),
  components: z.array(z.object({ id: z.string(), label: z.string(), type: z.string() })),
  units: z.array(unitRowSchema),
  groups: z.array(groupRowSchema),
  notes: z.array(z.string()),
});
export type UnitStructureResponse = z.infer<typeof structureResponseSchema>;

export const scenarioBodySchema = z.object({
  region: regionCodeSchema,
  month: monthSchema.optional(),
  change: z.discriminatedUnion("kind", [
    z.object({
      kind: z.literal("close"),
      unitHsaId: z.string().min(1),
      /** Named receiving units; empty or absent: the `nearest` nearest units by the region file's coordinates. */
      toHsaIds: z.array(z.string().min(1)).max(50).optional(),
      nearest: z.number().int().min(1).max(10).default(1),
    }),
    z.object({
      kind: z.literal("open"),
      name: z.string().trim().min(1).max(200),
      lat: z.number().min(55).max(69.1),
      lon: z.number().min(10.9).max(24.2),
      specialistFte: z
        .string()
        .regex(/^\d+(\.\d{1,2})?$/, "a decimal ≥ 0 with at most two decimals")
        .default("0"),
      ruralPoints: z
        .string()
        .regex(/^\d+(\.\d+)?$/)
        .default("0"),
      takes: z
        .array(z.object({ fromHsaId: z.string().min(1), count: z.number().int().min(0).max(1_000_000) }))
        .min(1)
        .max(50),
    }),
  ]),
});
export type ScenarioInput = z.infer<typeof scenarioBodySchema>;

export const SCENARIO_NEW_UNIT_HSA_ID = "NY-ENHET-SCENARIO";

export const scenarioResponseSchema = z.object({
  region: z.string(),
  month: monthSchema,
  /** "approved-run" (the month's approved snapshot) or "inputs" (built from the month's inputs and payment model). */
  basis: z.enum(["approved-run", "inputs"]),
  model: z.string(),
  moves: z.array(
    z.object({
      from: z.string(),
      fromName: z.string(),
      to: z.string(),
      toName: z.string(),
      count: z.number().int(),
      km: z.number().describe("distance between the two units, km, one decimal"),
    }),
  ),
  /** Mean distance (km, one decimal) the moved residents have to their new unit, counted from their old unit. */
  meanMovedKm: z.number().nullable(),
  movedListed: z.number().int(),
  units: z.array(
    z.object({
      hsaId: z.string(),
      name: z.string(),
      /** True for the unit the scenario opens (its hsaId is SCENARIO_NEW_UNIT_HSA_ID). */
      isNewUnit: z.boolean(),
      listedBefore: z.number().int(),
      listedAfter: z.number().int(),
      specialistFte: z.string().nullable(),
      listedPerSpecialistBefore: z.string().nullable(),
      listedPerSpecialistAfter: z.string().nullable(),
      paymentBeforeOre: oreText,
      paymentAfterOre: oreText,
      paymentDiffOre: oreText,
    }),
  ),
  totalBeforeOre: oreText,
  totalAfterOre: oreText,
  notes: z.array(z.string()),
});
export type StructureScenarioResponse = z.infer<typeof scenarioResponseSchema>;
