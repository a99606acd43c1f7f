// Documents of a run: the payment specification of one unit as PDF (Swedish, every line with its basis),
// and the whole run as Excel (a summary and a sheet per component, amounts in kronor as numbers with two
// decimals and exact öre beside them). Pure rendering: the service decides who may see what.
import ExcelJS from "exceljs";
import pdfmake from "pdfmake";
import { swedishMonthText } from "../../domain/calendar/index.ts";
import {
  formatKronor,
  kronorToOre,
  type LineBasis,
  parseDecimal,
  type Rational,
  type ReimbursementResult,
  rational,
} from "../../domain/reimbursement/index.ts";
import type { RunView, UnitSpecification } from "./reimbursement.service.ts";

// The PDF standard 14 fonts need no font files (and WinAnsi covers å, ä, ö); pdfmake must not read any
// other local file or fetch any URL while rendering. pdfmake is one shared instance and `createPdf` reads
// its fonts and access policies when called, so they are set just for that call and the previous ones put
// back: another module's PDFs keep their own settings.
const STANDARD_FONTS = new Set(["Helvetica", "Helvetica-Bold", "Helvetica-Oblique", "Helvetica-BoldOblique"]);
const HELVETICA = {
  Helvetica: {
    normal: "Helvetica",
    bold: "Helvetica-Bold",
    italics: "Helvetica-Oblique",
    bolditalics: "Helvetica-BoldOblique",
  },
};

interface PdfmakeState {
  fonts?: unknown;
  urlAccessPolicy?: unknown;
  localAccessPolicy?: unknown;
}

export function createStandardFontPdf(doc: unknown): { getBuffer(): Promise<Buffer> } {
  const state = pdfmake as unknown as PdfmakeState;
  const saved = { fonts: state.fonts, url: state.urlAccessPolicy, local: state.localAccessPolicy };
  try {
    pdfmake.addFonts(HELVETICA);
    pdfmake.setUrlAccessPolicy(() => false);
    pdfmake.setLocalAccessPolicy((path: string) => STANDARD_FONTS.has(path));
    return pdfmake.createPdf(doc as never) as unknown as { getBuffer(): Promise<Buffer> };
  } finally {
    state.fonts = saved.fonts;
    state.urlAccessPolicy = saved.url;
    state.localAccessPolicy = saved.local;
  }
}

/** "2026-03" → "mars 2026". */
export const swedishMonth = swedishMonthText;

/** Whole öre as Swedish kronor: "1 234 567,89 kr". */
export function swedishKronor(ore: bigint | string): string {
  return `${formatKronor(BigInt(ore))} kr`;
}

/** An exact decimal or "n/d" text as written by the engine. */
function parseExact(text: string): Rational {
  const slash = text.indexOf("/");
  if (slash < 0) return parseDecimal(text);
  return rational(BigInt(text.slice(0, slash)), BigInt(text.slice(slash + 1)));
}

/** A decimal number in Swedish style with thousands grouped: "12 345,5". Non-terminating values as fractions. */
export function swedishNumber(text: string): string {
  if (text.includes("/")) return text;
  const negative = text.startsWith("-");
  const [whole = "0", fraction] = (negative ? text.slice(1) : text).split(".");
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, " ");
  return `${negative ? "-" : ""}${grouped}${fraction === undefined ? "" : `,${fraction}`}`;
}

/** key ÷ keyTotal as a percentage with four decimals, rounded half to even (display only). */
export function sharePercent(key: string, keyTotal: string): string {
  const k = parseExact(key);
  const t = parseExact(keyTotal);
  if (t.n === 0n) return "0,0000 %";
  // (k / t) × 100 × 10^4, as an integer rounded half to even.
  const n = k.n * t.d * 1_000_000n;
  const d = k.d * t.n;
  let q = n / d;
  const twice = 2n * (n - q * d);
  if (twice > d || (twice === d && q % 2n === 1n)) q += 1n;
  return `${swedishNumber(`${q / 10_000n}.${(q % 10_000n).toString().padStart(4, "0")}`)} %`;
}

const EVENT_LABELS: Record<string, string> = { homeVisits: "hemsjukvårdsbesök" };

/** A line's basis in Swedish words: what the provider needs to recompute the amount. */
export function basisText(basis: LineBasis): string {
  switch (basis.type) {
    case "capitation": {
      const indices = Object.entries(basis.indices)
        .map(([name, value]) => `${name.toUpperCase()} ${swedishNumber(value)}`)
        .join(" × ");
      const parts = [
        `Listade: ${swedishNumber(String(basis.listed))}`,
        `viktade poäng: ${swedishNumber(basis.weightedPoints)}`,
        `pris per poäng och år: ${swedishNumber(basis.annualPricePerPoint)} kr`,
      ];
      if (indices !== "") parts.push(`index: ${indices}`);
      parts.push("÷ 12 månader");
      if (basis.listedWithoutWeight !== undefined)
        parts.push(`${basis.listedWithoutWeight} listade utan viktband (vikt 0)`);
      return parts.join("; ");
    }
    case "pool":
      return basis.eligible
        ? `Nyckel: ${swedishNumber(basis.key)} av ${swedishNumber(basis.keyTotal)} (andel ${sharePercent(basis.key, basis.keyTotal)}); månadens belopp: ${swedishKronor(basis.monthAmountOre)}`
        : `Ej berättigad denna månad (nyckel 0 av ${swedishNumber(basis.keyTotal)}); månadens belopp: ${swedishKronor(basis.monthAmountOre)}`;
    case "perEvent":
      return `${swedishNumber(String(basis.events))} ${EVENT_LABELS[basis.event] ?? basis.event} × ${swedishNumber(basis.price)} kr`;
    case "grant":
      return basis.grants.length === 0
        ? "Inget bidrag denna månad"
        : basis.grants
            .map(
              (g) =>
                `Årsbelopp ${swedishKronor(kronorToOre(g.annualAmount))} (${g.from}–${g.to}), månadens del ${swedishKronor(g.monthAmountOre)}`,
            )
            .join("; ");
  }
}

/** The payment specification ("Utbetalningsspecifikation") of one unit and month as a PDF. */
export async function specificationPdf(
  spec: UnitSpecification,
  options: { compress?: boolean } = {},
): Promise<Buffer> {
  const labels = new Map(spec.components.map((c) => [c.component, c.label]));
  const body: unknown[][] = [
    [
      { text: "Komponent", style: "th" },
      { text: "Underlag", style: "th" },
      { text: "Belopp", style: "th", alignment: "right" },
    ],
    ...spec.lines.map((line) => [
      labels.get(line.component) ?? line.component,
      { text: basisText(line.basis), fontSize: 8 },
      { text: swedishKronor(line.amountOre), alignment: "right", noWrap: true },
    ]),
    [
      { text: "Summa att utbetala", bold: true, colSpan: 2 },
      "",
      { text: swedishKronor(spec.totalOre), bold: true, alignment: "right", noWrap: true },
    ],
  ];
  const status = spec.run.status === "approved" ? "Godkänd" : "Utkast (ej godkänd)";
  const doc = {
    info: { title: `Utbetalningsspecifikation ${spec.unit.name} ${spec.run.month}`, creator: "Vårdnav" },
    pageSize: "A4",
    pageMargins: [40, 50, 40, 50],
    defaultStyle: { font: "Helvetica", fontSize: 10 },
    compress: options.compress ?? true,
    styles: { h1: { fontSize: 18, bold: true }, th: { bold: true } },
    content: [
      { text: "Utbetalningsspecifikation", style: "h1" },
      {
        text: `Vårdval primärvård, ${spec.regionName}${spec.regionIsDemo ? " (demodata)" : ""}`,
        margin: [0, 2, 0, 12],
      },
      {
        columns: [
          {
            width: "*",
            stack: [
              `Vårdgivare: ${spec.unit.providerName} (${spec.unit.providerOrgNr})`,
              `Enhet: ${spec.unit.name}`,
              `HSA-id: ${spec.unit.hsaId}`,
            ],
          },
          {
            width: "auto",
            stack: [
              `Månad: ${swedishMonth(spec.run.month)}`,
              `Ersättningsmodell: ${spec.run.modelId} version ${spec.run.modelVersion}`,
              `Körning ${spec.run.id}: ${status}`,
            ],
          },
        ],
        margin: [0, 0, 0, 12],
      },
      {
        table: { headerRows: 1, widths: ["auto", "*", "auto"], body },
        layout: "lightHorizontalLines",
      },
      ...Object.entries(spec.capitationBands).flatMap(([component, bands]) => [
        {
          text: `${labels.get(component) ?? component}: viktning per åldersgrupp`,
          bold: true,
          margin: [0, 14, 0, 4],
        },
        {
          table: {
            headerRows: 1,
            widths: ["*", "auto", "auto", "auto"],
            body: [
              [
                { text: "Ålder", style: "th" },
                { text: "Listade", style: "th", alignment: "right" },
                { text: "Vikt", style: "th", alignment: "right" },
                { text: "Poäng", style: "th", alignment: "right" },
              ],
              ...bands.map((band) => [
                band.to === null ? `${band.from} år och äldre` : `${band.from}–${band.to} år`,
                { text: swedishNumber(String(band.listed)), alignment: "right" },
                { text: swedishNumber(band.weight), alignment: "right" },
                { text: swedishNumber(band.points), alignment: "right" },
              ]),
            ],
          },
          layout: "lightHorizontalLines",
          fontSize: 9,
        },
      ]),
      {
        text: [
          "Beloppen är beräknade exakt och avrundade en gång per rad till hela öre (halva mot jämnt); ",
          "potter och bidrag fördelas med största-rest-metoden så att de summerar exakt. ",
          `Kontrollsumma för underlaget (SHA-256): ${spec.inputsSha256}`,
        ],
        fontSize: 7,
        margin: [0, 16, 0, 0],
        color: "#444444",
      },
    ],
  };
  return createStandardFontPdf(doc).getBuffer();
}

const KRONOR_FORMAT = "#,##0.00";

function kronorNumber(ore: bigint): number {
  // Presentation value only: the exact amount is the öre column beside it.
  return Number(ore) / 100;
}

function oreCell(ore: bigint): number | string {
  return ore <= BigInt(Number.MAX_SAFE_INTEGER) && ore >= BigInt(Number.MIN_SAFE_INTEGER)
    ? Number(ore)
    : ore.toString();
}

function safeSheetName(name: string, used: Set<string>): string {
  let base = name.replace(/[*?:\\/[\]]/g, "-").slice(0, 31);
  let candidate = base;
  for (let i = 2; used.has(candidate.toLowerCase()); i++) {
    base = base.slice(0, 28);
    candidate = `${base}-${i}`;
  }
  used.add(candidate.toLowerCase());
  return candidate;
}

function basisColumns(basis: LineBasis): (string | number)[] {
  switch (basis.type) {
    case "capitation":
      return [
        basis.listed,
        basis.weightedPoints,
        basis.annualPricePerPoint,
        Object.entries(basis.indices)
          .map(([k, v]) => `${k}=${v}`)
          .join(" "),
      ];
    case "pool":
      return [basis.key, basis.keyTotal, basis.monthAmountOre, basis.eligible ? "ja" : "nej"];
    case "perEvent":
      return [basis.events, basis.price];
    case "grant":
      return [
        basis.grants.map((g) => `${g.annualAmount} kr/år ${g.from}–${g.to}`).join("; "),
        basis.grants.reduce((sum, g) => sum + BigInt(g.monthAmountOre), 0n).toString(),
      ];
  }
}

const BASIS_HEADERS: Record<LineBasis["type"], string[]> = {
  capitation: ["Listade", "Viktade poäng", "Pris per poäng och år (kr)", "Index"],
  pool: ["Nyckel", "Nyckel totalt", "Månadens belopp (öre)", "Berättigad"],
  perEvent: ["Antal händelser", "Pris (kr)"],
  grant: ["Bidrag", "Månadens bidrag (öre)"],
};

/** The run as an Excel workbook: "Sammanfattning" plus one sheet per component. */
export async function runWorkbook(run: RunView, unitNames: Map<string, string>): Promise<Buffer> {
  const result: ReimbursementResult = run.result;
  const workbook = new ExcelJS.Workbook();
  workbook.creator = "Vårdnav";
  workbook.created = new Date(run.createdAt);
  const used = new Set<string>();

  const summary = workbook.addWorksheet(safeSheetName("Sammanfattning", used));
  summary.addRow([
    `Körning ${run.id}`,
    `Region ${run.regionCode}`,
    `Månad ${run.month}`,
    `Modell ${run.modelId} v${run.modelVersion}`,
    run.status === "approved" ? "Godkänd" : "Utkast",
  ]);
  summary.addRow(["Underlagets SHA-256", result.inputsSha256]);
  summary.addRow([]);
  const header = ["HSA-id", "Enhet"];
  for (const c of result.components) header.push(`${c.label} (kr)`, `${c.component} (öre)`);
  header.push("Totalt (kr)", "Totalt (öre)");
  summary.addRow(header).font = { bold: true };
  for (const unit of result.units) {
    const row: (string | number)[] = [unit.hsaId, unitNames.get(unit.hsaId) ?? unit.hsaId];
    for (const line of unit.lines)
      row.push(kronorNumber(BigInt(line.amountOre)), oreCell(BigInt(line.amountOre)));
    row.push(kronorNumber(BigInt(unit.totalOre)), oreCell(BigInt(unit.totalOre)));
    summary.addRow(row);
  }
  const totalRow: (string | number)[] = ["Totalt", ""];
  for (const c of result.components)
    totalRow.push(kronorNumber(BigInt(c.totalOre)), oreCell(BigInt(c.totalOre)));
  totalRow.push(kronorNumber(BigInt(result.totalOre)), oreCell(BigInt(result.totalOre)));
  summary.addRow(totalRow).font = { bold: true };
  const unallocatedRow: (string | number)[] = ["Ej fördelat", ""];
  let unallocated = 0n;
  for (const c of result.components) {
    unallocated += BigInt(c.unallocatedOre);
    unallocatedRow.push(kronorNumber(BigInt(c.unallocatedOre)), oreCell(BigInt(c.unallocatedOre)));
  }
  unallocatedRow.push(kronorNumber(unallocated), oreCell(unallocated));
  summary.addRow(unallocatedRow);
  header.forEach((h, i) => {
    const column = summary.getColumn(i + 1);
    if (h.endsWith("(kr)")) column.numFmt = KRONOR_FORMAT;
    column.width = i === 1 ? 32 : 18;
  });

  result.components.forEach((component, c) => {
    const sheet = workbook.addWorksheet(safeSheetName(component.component, used));
    sheet.addRow([component.label, component.type]);
    const type = result.units[0]?.lines[c]?.basis.type ?? "capitation";
    const headers = ["HSA-id", "Enhet", ...BASIS_HEADERS[type], "Belopp (kr)", "Belopp (öre)"];
    sheet.addRow(headers).font = { bold: true };
    for (const unit of result.units) {
      const line = unit.lines[c];
      if (line === undefined) continue;
      sheet.addRow([
        unit.hsaId,
        unitNames.get(unit.hsaId) ?? unit.hsaId,
        ...basisColumns(line.basis),
        kronorNumber(BigInt(line.amountOre)),
        oreCell(BigInt(line.amountOre)),
      ]);
    }
    sheet.addRow([
      "Totalt",
      "",
      ...BASIS_HEADERS[type].map(() => ""),
      kronorNumber(BigInt(component.totalOre)),
      oreCell(BigInt(component.totalOre)),
    ]).font = { bold: true };
    sheet.addRow([
      "Ej fördelat",
      "",
      ...BASIS_HEADERS[type].map(() => ""),
      kronorNumber(BigInt(component.unallocatedOre)),
      oreCell(BigInt(component.unallocatedOre)),
    ]);
    sheet.getColumn(headers.length - 1).numFmt = KRONOR_FORMAT;
    sheet.getColumn(2).width = 32;
  });
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
