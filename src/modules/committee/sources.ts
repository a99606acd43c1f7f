import type { StaffingRow } from "../../domain/staffing/index.ts";
import type { ServiceContext } from "../../lib/context.ts";
import type { AuditActor as Actor } from "../audit/audit.service.ts";
import type { GrantEffect } from "../staffing/grant-effect.service.ts";
import type { TransferGap as TransfersGap } from "../transfers/transfers.schemas.ts";

// The committee's figures that other modules own (physician staffing, targeted grants' effect, task
// transfers), as one explicit interface in the FORMATS.md shapes. The committee services take a
// `CommitteeSources` and never import those modules, so a source that does not exist yet answers
// "not available" honestly (the UI says "Uppgifter saknas") instead of a made-up figure. The one place that
// chooses the real functions is `committee-sources.ts`.

// The figures' shapes are the owning modules' own (one contract): FORMATS.md "Physician staffing" rows,
// "Targeted grants" effect, "Task transfers" gap.
export type { StaffingRow } from "../../domain/staffing/index.ts";
export type { GrantEffect } from "../staffing/grant-effect.service.ts";
export type { TransferGap as TransfersGap } from "../transfers/transfers.schemas.ts";

export interface StaffingQuery {
  regionCode: string;
  /** YYYY-MM, inclusive. */
  from: string;
  to: string;
}

export interface GrantEffectQuery {
  regionCode: string;
  componentId: string;
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
