import { z } from "zod";

// The committee's HTTP contract (issue 11): promises, dashboard, kommun map, kommun outlines and the
// quarterly report. The web app imports these types (`z.infer`), never retypes them.

export const regionCodeSchema = z.string().regex(/^\d{2}$/, "expected a two-digit länskod");
const decimal = z.string().regex(/^-?\d+(\.\d+)?$/, "expected decimal text");
const month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, "expected YYYY-MM");
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "expected YYYY-MM-DD");
const ore = z.string().regex(/^-?\d+$/, "expected whole öre as text");

// ---------------------------------------------------------------- promises as data

export const RATE_MEASURES = ["skrPhoneRate", "residentRate", "feedbackRate"] as const;
export type RateMeasure = (typeof RATE_MEASURES)[number];

export const promiseMeasureSchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.enum(RATE_MEASURES) }),
  z.object({ kind: z.literal("listedPerGp") }),
  z.object({ kind: z.literal("componentBudget"), componentId: z.string().min(1) }),
  z.object({
    kind: z.literal("grantEffect"),
    componentId: z.string().min(1),
    effectMeasure: z.enum(["skrPhoneRate", "residentRate", "listedPerGp"]),
  }),
  z.object({ kind: z.literal("transfersGap") }),
]);
export type PromiseMeasure = z.infer<typeof promiseMeasureSchema>;

export const promiseTargetSchema = z.object({
  comparison: z.enum(["atLeast", "atMost"]),
  value: decimal,
});

/** A promise as a region keeps it (demo seed, future admin edits). */
export const promiseRecordSchema = z.object({
  key: z.string().regex(/^[a-z0-9-]+$/, "expected a lower-case slug"),
  text: z.string().min(1),
  source: z.string().min(1),
  startDate: isoDate,
  measure: promiseMeasureSchema,
  target: promiseTargetSchema,
});
export type PromiseRecord = z.infer<typeof promiseRecordSchema>;

export const questionRecordSchema = z.object({
  number: z.number().int().min(1),
  text: z.string().min(1),
  source: z.string().min(1),
});
export type QuestionRecord = z.infer<typeof questionRecordSchema>;

export const measureUnitSchema = z.enum(["share", "ratio", "kronor"]);
export type MeasureUnit = z.infer<typeof measureUnitSchema>;

const measurePointSchema = z.object({
  period: z.string(),
  value: decimal.nullable(),
  preliminary: z.boolean(),
});

export const promiseViewSchema = promiseRecordSchema.extend({
  /** How `target.value`, `latest.value` and the series are written: a share 0–1, a ratio, or kronor. */
  unit: measureUnitSchema,
  status: z.enum(["met", "not_met", "no_data"]),
  /** Why there is no status (a source not yet available, no approved month): shown as "Uppgifter saknas". */
  statusReason: z.string().nullable(),
  latest: measurePointSchema.nullable(),
  trend: z.enum(["improving", "worsening", "steady"]).nullable(),
  series: z.array(measurePointSchema),
  /** Money promises: the year's projection in kronor (öre exact, two decimals). */
  projectedKronor: decimal.nullable(),
  /** The web page that shows the measure behind the promise. */
  link: z.string(),
});
export type PromiseView = z.infer<typeof promiseViewSchema>;

export const promisesResponseSchema = z.object({
  region: z.string(),
  regionName: z.string(),
  today: isoDate,
  promises: z.array(promiseViewSchema),
  questions: z.array(questionRecordSchema),
});
export type PromisesResponse = z.infer<typeof promisesResponseSchema>;

// ---------------------------------------------------------------- dashboard

const rateFigure = z.object({
  count: z.number().int(),
  denominator: z.number().int(),
  rate: z.number().nullable(),
});

export const accessibilityMonthSchema = z.object({
  month,
  preliminary: z.boolean(),
  /** SKR telephone rate: answered the same day ÷ offered. */
  phone: rateFigure,
  /** Resident rate: responded on the service day ÷ contacts. */
  resident: rateFigure,
  feedback: rateFigure,
  /** Three-day assessment: within 3 days ÷ eligible. */
  assessment: rateFigure,
});
export type AccessibilityMonth = z.infer<typeof accessibilityMonthSchema>;

const unavailable = z.object({ available: z.literal(false), reason: z.string() });

const withheldOrRate = z.object({
  count: z.number().int().nullable(),
  denominator: z.number().int().nullable(),
  rate: z.number().nullable(),
  /** Withheld by the FORMATS.md suppression rule (every number then null). */
  suppressed: z.boolean(),
});

export const dashboardResponseSchema = z.object({
  region: z.string(),
  regionName: z.string(),
  today: isoDate,
  promises: z.array(promiseViewSchema),
  accessibility: z.object({
    months: z.array(accessibilityMonthSchema),
    reference: z.array(
      z.object({ year: z.number().int(), nationalPhoneRate: z.number().nullable(), goal: z.number() }),
    ),
  }),
  staffing: z.discriminatedUnion("available", [
    z.object({
      available: z.literal(true),
      month: month.nullable(),
      listed: z.number().int().nullable(),
      gpFte: decimal.nullable(),
      listedPerGp: decimal.nullable(),
      neededGpFte: decimal.nullable(),
      shortfallFte: decimal.nullable(),
      goal: z.number().int(),
    }),
    unavailable,
  ]),
  money: z.object({
    year: z.string(),
    months: z.array(month),
    components: z.array(
      z.object({
        component: z.string(),
        label: z.string(),
        type: z.string(),
        annualOre: ore.nullable(),
        yearToDateOre: ore,
        projectedOre: ore.nullable(),
        /** Year to date ÷ the annual budget line, 4 decimals. */
        share: decimal.nullable(),
      }),
    ),
  }),
  transfers: z.discriminatedUnion("available", [
    z.object({
      available: z.literal(true),
      year: z.number().int(),
      estimatedCostOre: ore,
      compensationOre: ore,
      gapOre: ore,
    }),
    unavailable,
  ]),
  /** Units ranked by the SKR telephone rate in the last complete month, the suppression rule applied. */
  ranking: z.object({
    month,
    units: z.array(
      z.object({
        hsaId: z.string(),
        name: z.string(),
        kommunCode: z.string(),
        type: z.enum(["halsocentral", "sjukstuga", "filial", "backup"]),
        ownership: z.enum(["regional", "private"]),
        phone: withheldOrRate,
        resident: withheldOrRate,
      }),
    ),
  }),
  listing: z.object({
    month: month.nullable(),
    byOwnership: z.array(
      z.object({
        ownership: z.enum(["regional", "private"]),
        units: z.number().int(),
        listed: z.number().int(),
      }),
    ),
  }),
});
export type DashboardResponse = z.infer<typeof dashboardResponseSchema>;

// ---------------------------------------------------------------- kommun map

export const MAP_MEASURES = [
  "skrPhoneRate",
  "residentRate",
  "listedPerGp",
  "shortfallFte",
  "paymentPerListed",
] as const;
export type MapMeasure = (typeof MAP_MEASURES)[number];

export const periodQuerySchema = z
  .string()
  .regex(
    /^\d{4}(-(0[1-9]|1[0-2])|Q[1-4])?$/,
    "expected a calendar month YYYY-MM, a quarter YYYYQN or a year YYYY",
  );

const suppressibleRate = z.object({
  count: z.number().int().nullable(),
  denominator: z.number().int().nullable(),
  rate: z.number().nullable(),
  /** Withheld by the FORMATS.md rule (a unit of the kommun has fewer than 20, or is a secondary pick). */
  suppressed: z.boolean(),
});

const kommunFiguresSchema = z.object({
  skrPhoneRate: suppressibleRate,
  residentRate: suppressibleRate,
  /** From physician staffing; null when those figures are not available. */
  listed: z.number().int().nullable(),
  listedPerGp: decimal.nullable(),
  shortfallFte: decimal.nullable(),
  /** Approved payments in the period's months ÷ listed persons summed over the same months. */
  paymentPerListed: z.object({
    paidOre: ore,
    listedMonths: z.number().int(),
    /** Kronor per listed person and month, 2 decimals (half to even); null without listed persons. */
    kronor: decimal.nullable(),
  }),
});
export type KommunFigures = z.infer<typeof kommunFiguresSchema>;

export const kommunMapResponseSchema = z.object({
  region: z.string(),
  regionName: z.string(),
  period: z.object({
    key: z.string(),
    kind: z.enum(["month", "quarter", "year"]),
    from: isoDate,
    to: isoDate,
    preliminary: z.boolean(),
  }),
  measures: z.array(z.enum(MAP_MEASURES)),
  staffing: z.object({ available: z.boolean(), reason: z.string().nullable() }),
  /** Months of the period with an approved payment run (payment per listed uses only these). */
  paidMonths: z.array(month),
  kommuner: z.array(
    kommunFiguresSchema.extend({
      kommunCode: z.string(),
      name: z.string(),
      units: z.array(
        z.object({
          hsaId: z.string(),
          name: z.string(),
          type: z.enum(["halsocentral", "sjukstuga", "filial", "backup"]),
          ownership: z.enum(["regional", "private"]),
        }),
      ),
    }),
  ),
  total: kommunFiguresSchema,
  /** The same figures by unit type and by ownership (small units, sjukstugor, private providers). */
  groups: z.array(
    z.object({
      by: z.enum(["type", "ownership"]),
      key: z.enum(["halsocentral", "sjukstuga", "filial", "regional", "private"]),
      units: z.number().int(),
      /** Listed persons in the period's last month. */
      listed: z.number().int(),
      skrPhoneRate: suppressibleRate,
      residentRate: suppressibleRate,
      paymentPerListed: kommunFiguresSchema.shape.paymentPerListed,
    }),
  ),
});
export type KommunMapResponse = z.infer<typeof kommunMapResponseSchema>;

export const kommunOutlinesResponseSchema = z.object({
  type: z.literal("FeatureCollection"),
  features: z.array(
    z.object({
      type: z.literal("Feature"),
      properties: z.object({ id: z.string(), name: z.string() }),
      geometry: z.union([
        z.object({ type: z.literal("Polygon"), coordinates: z.array(z.array(z.array(z.number()))) }),
        z.object({
          type: z.literal("MultiPolygon"),
          coordinates: z.array(z.array(z.array(z.array(z.number())))),
        }),
      ]),
    }),
  ),
});
export type KommunOutlinesResponse = z.infer<typeof kommunOutlinesResponseSchema>;

// ---------------------------------------------------------------- queries

export const regionQuerySchema = z.object({ region: regionCodeSchema });
export const mapQuerySchema = z.object({ region: regionCodeSchema, period: periodQuerySchema });
export const quarterlyReportQuerySchema = z.object({
  region: regionCodeSchema,
  quarter: z.string().regex(/^\d{4}Q[1-4]$/, "expected a quarter YYYYQN"),
  lang: z.enum(["sv", "en"]).default("sv"),
});
