import type { ServiceContext } from "../../lib/context.ts";
import type { AuditActor as Actor } from "../audit/audit.service.ts";

// The committee's figures that other modules own (physician staffing, targeted grants' effect, task
// transfers), as one explicit interface in the FORMATS.md shapes. The committee services take a
// `CommitteeSources` and never import those modules, so a source that does not exist yet answers
// "not available" honestly (the UI says "Uppgifter saknas") instead of a made-up figure. The one place that
// chooses the real functions is `committee-sources.ts`.

/** FORMATS.md "Physician staffing", one row of `vardnav stats staffing` (unit, kommun or region). */
export interface StaffingRow {
  unitHsaId: string | null;
  kommunCode: string | null;
  month: string;
  listed: number;
  gpFte: string;
  gpAgencyFte: string;
  listedPerGp: string | null;
  neededGpFte: string;
  gpGapFte: string;
  shortfallFte: string;
  meetsGoal: boolean;
  units: number;
  unitsMeetingGoal: number;
}

export interface StaffingQuery {
  regionCode: string;
  /** YYYY-MM, inclusive. */
  from: string;
  to: string;
}

/** FORMATS.md "Targeted grants": one measure's numerator, denominator and value. */
export interface GrantFigure {
  numerator: number | string;
  denominator: number | string;
  value: number | string | null;
}

export interface GrantEffect {
  region: string;
  component: string;
  grantUnits: string[];
  comparisonUnits: number;
  before: { from: string; to: string };
  during: { from: string; to: string };
  measures: {
    measure: "skrPhoneRate" | "residentRate" | "listedPerGp";
    grant: { before: GrantFigure; during: GrantFigure };
    comparison: { before: GrantFigure; during: GrantFigure };
    did: number | string | null;
  }[];
}

export interface GrantEffectQuery {
  regionCode: string;
  componentId: string;
}

/** FORMATS.md "Task transfers": `vardnav transfers gap` JSON. */
export interface TransferGapLine {
  id: string;
  status: "proposed" | "decided" | "in_effect" | "ended";
  monthsInEffect: number;
  estimatedCostOre: string;
  compensationOre: string;
  gapOre: string;
  reportedVolume: number;
  costAtReportedVolumeOre: string;
  gapAtReportedVolumeOre: string;
}

export interface TransfersGap {
  region: string;
  year: number;
  transfers: TransferGapLine[];
  total: {
    estimatedCostOre: string;
    compensationOre: string;
    gapOre: string;
    costAtReportedVolumeOre: string;
    gapAtReportedVolumeOre: string;
  };
}

export interface TransfersGapQuery {
  regionCode: string;
  year: number;
}

/** A source's answer: the figures, or why there are none (shown as "Uppgifter saknas", never as zero). */
export type SourceResult<T> = { available: true; data: T } | { available: false; reason: string };

export interface CommitteeSources {
  staffing(ctx: ServiceContext, actor: Actor, query: StaffingQuery): Promise<SourceResult<StaffingRow[]>>;
  grantEffect(ctx: ServiceContext, actor: Actor, query: GrantEffectQuery): Promise<SourceResult<GrantEffect>>;
  transfersGap(
    ctx: ServiceContext,
    actor: Actor,
    query: TransfersGapQuery,
  ): Promise<SourceResult<TransfersGap>>;
}

/** A source that has no figures in this installation yet. */
export function notYetAvailable<Q, T>(
  what: string,
): (ctx: ServiceContext, actor: Actor, query: Q) => Promise<SourceResult<T>> {
  return async () => ({ available: false, reason: `${what} are not available in Vårdnav yet.` });
}

/** Wraps a module's function (FORMATS.md shape) as a source. */
export function fromFunction<Q, T>(
  fn: (ctx: ServiceContext, actor: Actor, query: Q) => Promise<T>,
): (ctx: ServiceContext, actor: Actor, query: Q) => Promise<SourceResult<T>> {
  return async (ctx, actor, query) => ({ available: true, data: await fn(ctx, actor, query) });
}
