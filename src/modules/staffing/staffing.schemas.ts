// Request and response shapes of the staffing and grant API. The web app imports the response types from
// here (`import type`), so a field renamed on the server breaks the web build rather than the page.
import { z } from "zod";
import { EMPLOYMENTS, PROFESSIONS } from "../../domain/staffing/index.ts";

export const regionCode = z.string().regex(/^\d{2}$/, "expected a two-digit länskod");
export const month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, "expected a month YYYY-MM");
const fteText = z.string().regex(/^\d+\.\d{2}$/);
const signedFteText = z.string().regex(/^-?\d+\.\d{2}$/);

export const staffingStatsQuery = z.object({ region: regionCode, from: month, to: month });

export const staffingRowSchema = z.object({
  unitHsaId: z.string().nullable(),
  kommunCode: z.string().nullable(),
  month: z.string(),
  listed: z.number().int(),
  gpFte: fteText,
  gpAgencyFte: fteText,
  listedPerGp: z.string().nullable(),
  neededGpFte: fteText,
  gpGapFte: signedFteText,
  shortfallFte: fteText,
  meetsGoal: z.boolean(),
  units: z.number().int(),
  unitsMeetingGoal: z.number().int(),
  stFte: fteText,
  listedPerGpWithSt: z.string().nullable(),
  needWeightedListedPerGp: z.string().nullable(),
  physicianFte: fteText,
  physicianAgencyFte: fteText,
  agencyShare: z.number().nullable(),
  agencyCostOre: z.string(),
});
export type StaffingRowDto = z.infer<typeof staffingRowSchema>;

export const staffingUnitSchema = z.object({
  hsaId: z.string(),
  name: z.string(),
  kommunCode: z.string(),
  type: z.string(),
  ownership: z.string(),
});

export const staffingStatsResponse = z.object({
  regionCode: z.string(),
  from: z.string(),
  to: z.string(),
  goalListedPerGp: z.number(),
  units: z.array(staffingUnitSchema),
  rows: z.array(staffingRowSchema),
});
export type StaffingStatsResponse = z.infer<typeof staffingStatsResponse>;

export const whatIfQuery = z.object({
  region: regionCode,
  month,
  unit: z.string().min(1).max(64),
  additionalGpFte: z.string().regex(/^-?\d+(\.\d{1,2})?$/, "a number of FTE such as 1.5 or -0.5"),
});
const whatIfRows = z.object({
  unit: staffingRowSchema,
  kommun: staffingRowSchema,
  region: staffingRowSchema,
});
export const whatIfResponse = z.object({
  regionCode: z.string(),
  month: z.string(),
  unitHsaId: z.string(),
  additionalGpFte: z.string(),
  goalListedPerGp: z.number(),
  before: whatIfRows,
  after: whatIfRows,
});
export type WhatIfResponse = z.infer<typeof whatIfResponse>;

export const goalResponse = z.object({ regionCode: z.string(), goalListedPerGp: z.number() });
export const goalBody = z.object({ goalListedPerGp: z.number().int().min(1).max(100_000) });

export const importSummaryResponse = z.object({
  read: z.number().int(),
  imported: z.number().int(),
  updated: z.number().int(),
  rejected: z.number().int(),
  rejections: z.array(z.object({ line: z.number().int(), reason: z.string() })),
});
export type StaffingImportSummaryDto = z.infer<typeof importSummaryResponse>;

export const formRowSchema = z.object({
  profession: z.enum(PROFESSIONS),
  employment: z.enum(EMPLOYMENTS),
  fte: z.string().max(12),
  agencyCostSek: z.string().max(16).nullable(),
});
export const formQuery = z.object({ unit: z.string().min(1).max(64), month });
export const formBody = z.object({
  unitHsaId: z.string().min(1).max(64),
  month,
  rows: z.array(formRowSchema).max(50),
});
export const formResponse = z.object({
  unitHsaId: z.string(),
  unitName: z.string(),
  month: z.string(),
  source: z.enum(["stored", "prefilled", "empty"]),
  prefilledFrom: z.string().nullable(),
  rows: z.array(formRowSchema),
});
export type StaffingFormDto = z.infer<typeof formResponse>;
export type StaffingFormRowDto = z.infer<typeof formRowSchema>;

const grantEntry = z.object({
  unit: z.string(),
  annualAmount: z.string(),
  from: z.string(),
  to: z.string(),
  unitName: z.string().nullable(),
  paidToDateOre: z.string(),
});
export const grantSummarySchema = z.object({
  componentId: z.string(),
  label: z.string(),
  modelId: z.string(),
  modelVersion: z.number().int(),
  grants: z.array(grantEntry),
  paidToDateOre: z.string(),
});
export const grantsResponse = z.array(grantSummarySchema);
export type GrantSummaryDto = z.infer<typeof grantSummarySchema>;

const span = z.object({ from: z.string(), to: z.string() }).nullable();
const cell = z.object({
  numerator: z.union([z.number(), z.string()]).nullable(),
  denominator: z.union([z.number(), z.string()]).nullable(),
  value: z.number().nullable(),
});
export const grantEffectMeasureSchema = z.object({
  measure: z.string(),
  grant: z.object({ before: cell, during: cell }),
  comparison: z.object({ before: cell, during: cell }),
  did: z.number().nullable(),
});
export const grantEffectQuery = z.object({ region: regionCode, component: z.string().min(1).max(100) });
export const grantEffectResponse = z.object({
  region: z.string(),
  component: z.string(),
  grantUnits: z.array(z.string()),
  comparisonUnits: z.number().int(),
  before: span,
  during: span,
  measures: z.array(grantEffectMeasureSchema),
  label: z.string(),
  modelId: z.string(),
  modelVersion: z.number().int(),
  monthsBefore: z.number().int(),
  monthsDuring: z.number().int(),
  comparisonUnitHsaIds: z.array(z.string()),
  grants: z.array(grantEntry),
  paidToDateOre: z.string(),
});
export type GrantEffectDto = z.infer<typeof grantEffectResponse>;
