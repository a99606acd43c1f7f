import { kommunByCode } from "../../data/reference.ts";
import { stockholmDateOf } from "../../domain/calendar/index.ts";
import {
  isPublished,
  latestPublishedMonth,
  monthRange,
  parseMonth,
  publicationDate,
} from "../../domain/disclosure/periods.ts";
import { csvCell } from "../../domain/exports/csv.ts";
import type { AccessibilityFigures } from "../../domain/statistics/index.ts";
import { AppError } from "../../errors.ts";
import type { ServiceContext } from "../../lib/context.ts";
import { type DisclosedUnit, disclosedStatistics } from "../statistics/disclosed-statistics.ts";
import { findMonthsWithFigures, findRegion, findRegions } from "./open-data.repository.ts";
import type {
  OpenDataAccessibility,
  OpenDataMonths,
  OpenDataRegions,
  OpenDataUnit,
} from "./open-data.schemas.ts";

// Open data (FORMATS.md): no sign-in, so no actor and no audit — nothing here is about a person. What may
// be read is decided by the calendar (whole months, from the 8th of the following month) and by the
// suppression rule, both in src/domain/disclosure.

type Groups = Pick<OpenDataUnit, "phone" | "resident" | "assessment">;

function publicGroups(figures: AccessibilityFigures, suppressed: DisclosedUnit["suppressed"]): Groups {
  const { phone, resident, assessment } = figures;
  return {
    phone: suppressed.phone
      ? { offered: null, answeredSameDay: null, rate: null, suppressed: true }
      : {
          offered: phone.offered,
          answeredSameDay: phone.answeredSameDay,
          rate: phone.rate,
          suppressed: false,
        },
    resident: suppressed.resident
      ? {
          contacts: null,
          respondedSameDay: null,
          rate: null,
          feedbackSameDay: null,
          feedbackRate: null,
          suppressed: true,
        }
      : {
          contacts: resident.contacts,
          respondedSameDay: resident.respondedSameDay,
          rate: resident.rate,
          feedbackSameDay: resident.feedbackSameDay,
          feedbackRate: resident.feedbackRate,
          suppressed: false,
        },
    assessment: suppressed.assessment
      ? { eligible: null, within3: null, rate: null, suppressed: true }
      : {
          eligible: assessment.eligible,
          within3: assessment.within3,
          rate: assessment.rate,
          suppressed: false,
        },
  };
}

const NOTHING_SUPPRESSED = { phone: false, resident: false, assessment: false };

function notPublished(regionCode: string, month: string, reason: string, publishedFrom?: string): AppError {
  return new AppError("period_not_published", `Month ${month} of region ${regionCode} ${reason}.`, {
    region: regionCode,
    month,
    ...(publishedFrom === undefined ? {} : { publishedFrom }),
  });
}

/** GET /api/public/accessibility: one published month of a region, suppressed as FORMATS.md says. */
export async function publishedAccessibility(
  ctx: ServiceContext,
  query: { regionCode: string; month: string },
): Promise<OpenDataAccessibility> {
  const month = parseMonth(query.month);
  if (month === null) throw notPublished(query.regionCode, query.month, "is not a calendar month");
  const region = await findRegion(ctx.db, query.regionCode);
  if (region === undefined) throw new AppError("not_found", `Region ${query.regionCode} does not exist.`);
  const today = stockholmDateOf(ctx.clock.now());
  const publishedFrom = publicationDate(month);
  if (!isPublished(month, today)) {
    throw notPublished(
      query.regionCode,
      query.month,
      `is published from ${publishedFrom.toString()}`,
      publishedFrom.toString(),
    );
  }
  const { from, to } = monthRange(month);
  const [period] = await disclosedStatistics(ctx.db, { regionCode: region.code, from, to, kind: "month" });
  if (period === undefined) throw notPublished(query.regionCode, query.month, "has no figures");
  return {
    region: region.code,
    month: month.toString(),
    units: period.units.map(({ unit, figures, suppressed }) => ({
      unitHsaId: unit.hsaId,
      name: unit.name,
      kommunCode: unit.kommunCode,
      kommunName: kommunByCode(unit.kommunCode)?.name ?? unit.kommunCode,
      // disclosedStatistics never lists backup teams.
      type: unit.type as OpenDataUnit["type"],
      ownership: unit.ownership,
      ...publicGroups(figures, suppressed),
    })),
    total: publicGroups(period.total, NOTHING_SUPPRESSED),
  };
}

/** The published months that have figures, newest first. */
export async function publishedMonths(ctx: ServiceContext, regionCode: string): Promise<OpenDataMonths> {
  const region = await findRegion(ctx.db, regionCode);
  if (region === undefined) throw new AppError("not_found", `Region ${regionCode} does not exist.`);
  const latest = latestPublishedMonth(stockholmDateOf(ctx.clock.now()));
  const before = latest.add({ months: 1 }).toPlainDate({ day: 1 }).toString();
  return {
    region: region.code,
    regionName: region.name,
    months: await findMonthsWithFigures(ctx.db, regionCode, before),
  };
}

export async function openDataRegions(ctx: ServiceContext): Promise<OpenDataRegions> {
  return { regions: await findRegions(ctx.db) };
}

// ---- CSV: the same figures, one row per unit, the region total first (its unitHsaId empty).

export const OPEN_DATA_CSV_COLUMNS = [
  "region",
  "month",
  "unitHsaId",
  "name",
  "kommunCode",
  "kommunName",
  "type",
  "ownership",
  "phone.offered",
  "phone.answeredSameDay",
  "phone.rate",
  "phone.suppressed",
  "resident.contacts",
  "resident.respondedSameDay",
  "resident.rate",
  "resident.feedbackSameDay",
  "resident.feedbackRate",
  "resident.suppressed",
  "assessment.eligible",
  "assessment.within3",
  "assessment.rate",
  "assessment.suppressed",
] as const;

type Cell = string | number | boolean | null;

function groupCells(g: Groups): Cell[] {
  return [
    g.phone.offered,
    g.phone.answeredSameDay,
    g.phone.rate,
    g.phone.suppressed,
    g.resident.contacts,
    g.resident.respondedSameDay,
    g.resident.rate,
    g.resident.feedbackSameDay,
    g.resident.feedbackRate,
    g.resident.suppressed,
    g.assessment.eligible,
    g.assessment.within3,
    g.assessment.rate,
    g.assessment.suppressed,
  ];
}

/** The CSV form of GET /api/public/accessibility (format=csv). */
export async function publishedAccessibilityCsv(
  ctx: ServiceContext,
  query: { regionCode: string; month: string },
): Promise<string> {
  const data = await publishedAccessibility(ctx, query);
  const region = await findRegion(ctx.db, query.regionCode);
  return openDataCsv(data, region?.name ?? "");
}

export function openDataCsv(data: OpenDataAccessibility, regionName: string): string {
  const lines = [OPEN_DATA_CSV_COLUMNS.join(",")];
  lines.push(
    [data.region, data.month, null, regionName, null, null, null, null, ...groupCells(data.total)]
      .map(csvCell)
      .join(","),
  );
  for (const u of data.units) {
    lines.push(
      [
        data.region,
        data.month,
        u.unitHsaId,
        u.name,
        u.kommunCode,
        u.kommunName,
        u.type,
        u.ownership,
        ...groupCells(u),
      ]
        .map(csvCell)
        .join(","),
    );
  }
  return `${lines.join("\n")}\n`;
}
