// The gap as an Excel workbook (exceljs, like the reimbursement run export): kronor as numbers with two
// decimals for reading and summing in Excel, and the exact öre beside each, so nothing is lost to
// floating point.
import ExcelJS from "exceljs";
import type { TransferGap } from "./transfers.schemas.ts";

const KRONOR_FORMAT = "#,##0.00";

function kronorNumber(ore: string): number {
  // Presentation value only: the exact amount is the öre column beside it.
  return Number(BigInt(ore)) / 100;
}

function oreCell(ore: string): number | string {
  const value = BigInt(ore);
  return value <= BigInt(Number.MAX_SAFE_INTEGER) && value >= BigInt(Number.MIN_SAFE_INTEGER)
    ? Number(value)
    : ore;
}

const STATUS_SV: Record<TransferGap["transfers"][number]["status"], string> = {
  proposed: "Förslag",
  decided: "Beslutad",
  in_effect: "Genomförd",
  ended: "Avslutad",
};

const AMOUNTS = [
  ["estimatedCostOre", "Beräknad kostnad"],
  ["compensationOre", "Ersättning"],
  ["gapOre", "Glapp"],
  ["costAtReportedVolumeOre", "Kostnad vid rapporterad volym"],
  ["gapAtReportedVolumeOre", "Glapp vid rapporterad volym"],
] as const;

export async function transfersGapWorkbook(gap: TransferGap, at: Date): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = "Vårdnav";
  workbook.created = at;
  const sheet = workbook.addWorksheet(`Uppgiftsväxling ${gap.year}`);
  sheet.addRow([
    `Region ${gap.region}`,
    `År ${gap.year}`,
    gap.preliminary ? "Preliminärt: året är inte avslutat" : "Slutligt",
  ]);
  sheet.addRow([]);
  const header = ["Id", "Uppgift", "Status", "Månader i kraft", "Rapporterad volym"];
  for (const [, label] of AMOUNTS) header.push(`${label} (kr)`, `${label} (öre)`);
  header.push("Vårdvalskomponent", "Utbetalt av komponenten (kr)", "Utbetalt av komponenten (öre)");
  sheet.addRow(header).font = { bold: true };
  for (const t of gap.transfers) {
    const row: (string | number | null)[] = [
      t.id,
      t.title,
      STATUS_SV[t.status],
      t.monthsInEffect,
      t.reportedVolume,
    ];
    for (const [key] of AMOUNTS) row.push(kronorNumber(t[key]), oreCell(t[key]));
    row.push(
      t.component,
      t.componentPaidOre === null ? null : kronorNumber(t.componentPaidOre),
      t.componentPaidOre === null ? null : oreCell(t.componentPaidOre),
    );
    sheet.addRow(row);
  }
  const total: (string | number | null)[] = ["Totalt", "", "", null, null];
  for (const [key] of AMOUNTS) total.push(kronorNumber(gap.total[key]), oreCell(gap.total[key]));
  sheet.addRow(total).font = { bold: true };
  header.forEach((h, i) => {
    const column = sheet.getColumn(i + 1);
    if (h.endsWith("(kr)")) column.numFmt = KRONOR_FORMAT;
    column.width = i === 1 ? 48 : 18;
  });
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
