import type { ForecastUnit, Risk } from "./types.ts";

const RISK_RANK: Record<Risk, number> = { high: 0, medium: 1, low: 2 };
const collator = new Intl.Collator("sv", { sensitivity: "base" });

/** Tomorrow's units with the highest risk first (where help is needed), then by name in Swedish order. */
export function byRiskThenName(units: readonly ForecastUnit[]): ForecastUnit[] {
  return [...units].sort((a, b) => RISK_RANK[a.risk] - RISK_RANK[b.risk] || collator.compare(a.name, b.name));
}
