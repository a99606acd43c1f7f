import { z } from "zod";
import { ERROR_RESPONSES, errorResponseSchema } from "../../http/responses.ts";

// FORMATS.md "Open data": the request and the response of GET /api/public/accessibility, field by field.
// A suppressed group has `suppressed: true` and every number null; a group with denominator 0 has its
// counts 0 and its rate null.

const count = z.number().int().min(0).nullable();
const rate = z.number().min(0).max(1).nullable();

export const openDataQuerySchema = z.object({
  region: z.string().regex(/^\d{2}$/, "expected a two-digit länskod"),
  month: z.string().regex(/^\d{4}-\d{2}$/, "expected a calendar month YYYY-MM"),
  format: z.enum(["json", "csv"]).default("json"),
});

export const openDataPhoneSchema = z.object({
  offered: count,
  answeredSameDay: count,
  rate,
  suppressed: z.boolean(),
});

export const openDataResidentSchema = z.object({
  contacts: count,
  respondedSameDay: count,
  rate,
  feedbackSameDay: count,
  feedbackRate: rate,
  suppressed: z.boolean(),
});

export const openDataAssessmentSchema = z.object({
  eligible: count,
  within3: count,
  rate,
  suppressed: z.boolean(),
});

export const openDataUnitSchema = z.object({
  unitHsaId: z.string(),
  name: z.string(),
  kommunCode: z.string(),
  /** Extension of FORMATS.md: the kommun's name from the reference data (the code when unknown). */
  kommunName: z.string(),
  type: z.enum(["halsocentral", "sjukstuga", "filial"]),
  ownership: z.enum(["regional", "private"]),
  phone: openDataPhoneSchema,
  resident: openDataResidentSchema,
  assessment: openDataAssessmentSchema,
});

export const openDataAccessibilitySchema = z.object({
  region: z.string(),
  month: z.string(),
  units: z.array(openDataUnitSchema),
  total: z.object({
    phone: openDataPhoneSchema,
    resident: openDataResidentSchema,
    assessment: openDataAssessmentSchema,
  }),
});

export const openDataResponses = {
  200: {
    description: "JSON (FORMATS.md); with format=csv the same figures as CSV, the region total first",
    content: {
      "application/json": { schema: openDataAccessibilitySchema },
      "text/csv": { schema: z.string() },
    },
  },
  ...ERROR_RESPONSES,
  400: errorResponseSchema,
  404: errorResponseSchema.describe("period_not_published: the month is not published (yet), or unknown"),
};

export type OpenDataAccessibility = z.infer<typeof openDataAccessibilitySchema>;
export type OpenDataUnit = z.infer<typeof openDataUnitSchema>;
export type OpenDataQuery = z.infer<typeof openDataQuerySchema>;

/** The months a region publishes, newest first, for the public page's month picker. */
export const openDataMonthsQuerySchema = z.object({
  region: z.string().regex(/^\d{2}$/, "expected a two-digit länskod"),
});
export const openDataMonthsSchema = z.object({
  region: z.string(),
  regionName: z.string(),
  months: z.array(z.string()),
});
export type OpenDataMonths = z.infer<typeof openDataMonthsSchema>;

/** Regions with open data, for the page's region picker. */
export const openDataRegionsSchema = z.object({
  regions: z.array(z.object({ code: z.string(), name: z.string() })),
});
export type OpenDataRegions = z.infer<typeof openDataRegionsSchema>;

// DCAT-AP-SE dataset metadata (JSON-LD) for the open-data catalogue: one dataset per region, two
// distributions (JSON and CSV). Field names are the vocabularies' terms, as JSON-LD writes them.
const langString = z.object({ "@language": z.enum(["sv", "en"]), "@value": z.string() });
const reference = z.object({ "@id": z.string() });
const agent = z.object({ "@type": z.literal("foaf:Agent"), "foaf:name": z.string() });

export const dcatDistributionSchema = z.object({
  "@type": z.literal("dcat:Distribution"),
  "dcterms:title": z.array(langString),
  "dcat:accessURL": reference,
  "dcat:mediaType": reference,
  "dcterms:license": reference,
});

export const dcatDatasetSchema = z.object({
  "@id": z.string(),
  "@type": z.literal("dcat:Dataset"),
  "dcterms:identifier": z.string(),
  "dcterms:title": z.array(langString),
  "dcterms:description": z.array(langString),
  "dcterms:publisher": agent,
  "dcat:contactPoint": z.object({
    "@type": z.literal("vcard:Organization"),
    "vcard:fn": z.string(),
    "vcard:hasURL": reference,
  }),
  "dcat:keyword": z.array(langString),
  "dcat:theme": z.array(reference),
  "dcterms:accrualPeriodicity": reference,
  "dcat:landingPage": reference,
  "dcat:distribution": z.array(dcatDistributionSchema),
});

export const dcatCatalogSchema = z.object({
  "@context": z.object({ dcat: z.string(), dcterms: z.string(), foaf: z.string(), vcard: z.string() }),
  "@id": z.string(),
  "@type": z.literal("dcat:Catalog"),
  "dcterms:title": z.array(langString),
  "dcterms:description": z.array(langString),
  "dcterms:publisher": agent,
  "dcterms:license": reference,
  "dcat:dataset": z.array(dcatDatasetSchema),
});
export type DcatCatalog = z.infer<typeof dcatCatalogSchema>;
