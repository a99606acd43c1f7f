// The shared example month (../shared/examples) as database inputs: the model and snapshot files, and the
// snapshot as the five CSV files an administration would import for the example region of test/fixtures.
import { readFileSync } from "node:fs";
import type { ReimbursementModel, ReimbursementSnapshot } from "../../src/domain/reimbursement/index.ts";

const EXAMPLES = new URL("../../../shared/examples/", import.meta.url);
export const EXAMPLE_MODEL = JSON.parse(
  readFileSync(new URL("reimbursement-model-2026.json", EXAMPLES), "utf8"),
) as ReimbursementModel;
export const EXAMPLE_SNAPSHOT = JSON.parse(
  readFileSync(new URL("reimbursement-snapshot-2026-03.json", EXAMPLES), "utf8"),
) as ReimbursementSnapshot;
export const E1 = "SE2321000000-E0001";
export const E2 = "SE2321000000-E0002";
export const E3 = "SE5560001230-E0003";

/** The example snapshot as the five CSV files an administration would import. */
export function exampleCsvs() {
  const listing = ["unit_hsa_id,month,age,sex,count"];
  const indices = ["unit_hsa_id,month,name,value"];
  const rural = ["unit_hsa_id,valid_from,valid_to,points"];
  const reports = ["unit_hsa_id,month,multimorbid_identified,home_visits"];
  const rates = ["unit_hsa_id,month,kind,rate"];
  for (const unit of EXAMPLE_SNAPSHOT.units) {
    for (const [age, count] of Object.entries(unit.listedByAge)) {
      const female = Math.floor(count / 2);
      listing.push(`${unit.hsaId},2026-03,${age},female,${female}`);
      listing.push(`${unit.hsaId},2026-03,${age},male,${count - female}`);
    }
    // An older index that the March value replaces, to show the latest month at or before the run wins.
    indices.push(`${unit.hsaId},2026-01,acg,1.5`);
    for (const [name, value] of Object.entries(unit.indices ?? {}))
      indices.push(`${unit.hsaId},2026-02,${name},${value}`);
    rural.push(`${unit.hsaId},2024-01,2025-12,99`);
    rural.push(`${unit.hsaId},2026-01,,${unit.ruralPoints}`);
    reports.push(`${unit.hsaId},2026-03,${unit.multimorbidIdentified},${unit.homeVisits}`);
    rates.push(`${unit.hsaId},2026-03,resident,${unit.sameDayRate}`);
  }
  const csv = (lines: string[]) => `${lines.join("\r\n")}\r\n`;
  return {
    listing: csv(listing),
    indices: csv(indices),
    "rural-points": csv(rural),
    "unit-reports": csv(reports),
    "same-day-rates": csv(rates),
  };
}
