import { formatKronor } from "../../domain/reimbursement/format-table.ts";
import { parseDecimal, roundHalfEvenFraction } from "../../domain/reimbursement/rational.ts";
import { createStandardFontPdf } from "../reimbursement/reimbursement.exports.ts";
import { moneyBarsSvg, rateLinesSvg } from "./report.charts.ts";
import type { QuarterlyReportData, RateFigure, ReportPromise } from "./report.service.ts";

// The quarterly report as PDF (pdfmake, the standard Helvetica font, no file or URL access; charts as SVG).
// Swedish by default, English on request. Every figure is printed from QuarterlyReportData as the API
// publishes it: rates as the API's 4-decimal share written as a percentage with two decimals (0.8633 →
// "86,33 %"), so the PDF's text can be checked against the API figure by figure.

export type ReportLanguage = "sv" | "en";

const TEXT = {
  sv: {
    title: "Kvartalsrapport till primärvårdsutskottet",
    quarter: "Kvartal",
    preliminary: "Preliminär: kvartalets sista månad är inte avslutad (treveckorsfönster öppna)",
    preliminaryShort: "prel.",
    generated: "Framtagen",
    questions: "Interpellationens frågor",
    question: "Fråga",
    q1: "Resurser och kompetens för uppgifter som flyttats från slutenvården",
    q2: "Tillgänglighet mot samma dag-löftet och läkarbemanning mot 1 : 1 100",
    q3: "Val, små enheter, sjukstugor och privata vårdgivare",
    promises: "Regionens löften",
    missing: "Uppgifter saknas ännu",
    transfersMissing: "Uppgifter om uppgiftsväxlingen saknas ännu i Vårdnav.",
    staffingMissing: "Uppgifter om läkarbemanning saknas ännu i Vårdnav.",
    flowsMissing: "Uppgifter om listningsflöden saknas ännu i Vårdnav.",
    grantMissing: "Uppgifter om det riktade bidragets effekt saknas ännu i Vårdnav.",
    measure: "Mått",
    phone: "Telefon samma dag (SKR)",
    resident: "Invånarmått (svar samma dag)",
    feedback: "Återkoppling samma dag",
    assessment: "Medicinsk bedömning inom 3 dagar",
    reference: "Nationellt referensvärde telefon",
    listedPerGp: "Listade per specialist",
    shortfall: "Brist, specialister (heltid)",
    listed: "Listade",
    group: "Grupp",
    units: "Enheter",
    paymentPerListed: "Ersättning per listad och månad",
    kommun: "Kommun",
    suppressed: "–  = undertryckt: färre än 20 i en enhet (skyddsregeln för öppna data)",
    component: "Komponent",
    quarterPaid: "Kvartalet",
    yearToDate: "Hittills i år",
    noRuns: "Inga godkända utbetalningar under kvartalet.",
    money: "Vårdvalsersättning per komponent",
    type: { halsocentral: "Hälsocentraler", sjukstuga: "Sjukstugor", filial: "Filialer" } as Record<
      string,
      string
    >,
    ownership: { regional: "Regiondrivna", private: "Privata" } as Record<string, string>,
    status: { met: "Uppfyllt", not_met: "Inte uppfyllt", no_data: "Uppgifter saknas" },
    source: "Källa",
    target: "Mål",
    atLeast: "minst",
    atMost: "högst",
    projected: "Prognos för året",
    gap: "Kompensationsgap",
    estimatedCost: "Beräknad kostnad",
    compensation: "Kompensation",
    did: "Effekt (skillnad i skillnad)",
    total: "Totalt",
    didShort: "Skillnad i skillnad",
    points: "procentenheter",
  },
  en: {
    title: "Quarterly report to the primary care committee",
    quarter: "Quarter",
    preliminary: "Preliminary: the quarter's last month is not complete (three-day windows open)",
    preliminaryShort: "prel.",
    generated: "Produced",
    questions: "The interpellation's questions",
    question: "Question",
    q1: "Resources and competence for tasks moved from hospital care",
    q2: "Accessibility against the same-day promise and physician staffing against 1 : 1 100",
    q3: "Choice, small units, sjukstugor and private providers",
    promises: "The region's promises",
    missing: "Figures not yet available",
    transfersMissing: "Task transfer figures are not yet available in Vårdnav.",
    staffingMissing: "Physician staffing figures are not yet available in Vårdnav.",
    flowsMissing: "Listing flow figures are not yet available in Vårdnav.",
    grantMissing: "The targeted grant's effect is not yet available in Vårdnav.",
    measure: "Measure",
    phone: "Telephone same day (SKR)",
    resident: "Resident rate (answer same day)",
    feedback: "Feedback same day",
    assessment: "Medical assessment within 3 days",
    reference: "National telephone reference",
    listedPerGp: "Listed per specialist",
    shortfall: "Shortfall, specialists (FTE)",
    listed: "Listed",
    group: "Group",
    units: "Units",
    paymentPerListed: "Payment per listed person and month",
    kommun: "Kommun",
    suppressed: "–  = suppressed: fewer than 20 in a unit (the open-data protection rule)",
    component: "Component",
    quarterPaid: "Quarter",
    yearToDate: "Year to date",
    noRuns: "No approved payments in the quarter.",
    money: "Vårdval payments per component",
    type: { halsocentral: "Hälsocentraler", sjukstuga: "Sjukstugor", filial: "Branches" } as Record<
      string,
      string
    >,
    ownership: { regional: "Region-run", private: "Private" } as Record<string, string>,
    status: { met: "Met", not_met: "Not met", no_data: "No figures" },
    source: "Source",
    target: "Target",
    atLeast: "at least",
    atMost: "at most",
    projected: "Projection for the year",
    gap: "Compensation gap",
    estimatedCost: "Estimated cost",
    compensation: "Compensation",
    did: "Effect (difference in differences)",
    total: "Total",
    didShort: "Difference in differences",
    points: "percentage points",
  },
} as const;

type Texts = (typeof TEXT)[ReportLanguage];

/** A published share (4 decimals) as a percentage with two decimals: 0.8633 → "86,33 %" (sv). */
export function percentText(rate: number | null, lang: ReportLanguage): string {
  if (rate === null) return "–";
  // The share has 4 decimals, so its ten-thousandths are the percentage's hundredths, exactly.
  const hundredths = BigInt(Math.round(rate * 10000));
  const abs = hundredths < 0n ? -hundredths : hundredths;
  const sign = hundredths < 0n ? "−" : "";
  const text = `${sign}${abs / 100n}${lang === "sv" ? "," : "."}${(abs % 100n).toString().padStart(2, "0")}`;
  return `${text} %`;
}

function rateCell(f: RateFigure, lang: ReportLanguage): string {
  return f.suppressed ? "–" : percentText(f.rate, lang);
}

function decimalText(text: string | null, lang: ReportLanguage): string {
  if (text === null) return "–";
  return lang === "sv" ? text.replace(".", ",") : text;
}

/** Whole öre as "1 234 567,89 kr" (sv) or "1,234,567.89 SEK" (en). */
function oreText(ore: bigint, lang: ReportLanguage): string {
  const sv = formatKronor(ore);
  return lang === "sv" ? `${sv} kr` : `${sv.replaceAll(" ", ",").replace(/,(\d{2})$/, ".$1")} SEK`;
}

const oreKronor = (ore: string, lang: ReportLanguage) => oreText(BigInt(ore), lang);

function kronorText(kronor: string | null, lang: ReportLanguage): string {
  if (kronor === null) return "–";
  const r = parseDecimal(kronor);
  return oreText(roundHalfEvenFraction(r.n * 100n, r.d), lang);
}

function table(header: string[], rows: string[][], widths?: (string | number)[]) {
  return {
    table: {
      headerRows: 1,
      widths: widths ?? header.map((_, i) => (i === 0 ? "*" : "auto")),
      body: [
        header.map((h, i) => ({ text: h, bold: true, alignment: i === 0 ? "left" : "right" })),
        ...rows.map((r) =>
          r.map((c, i) => ({ text: c, alignment: i === 0 ? "left" : "right", noWrap: i > 0 })),
        ),
      ],
    },
    layout: "lightHorizontalLines",
    margin: [0, 4, 0, 10],
  };
}

function quarterLabel(q: string, preliminary: boolean, t: Texts): string {
  return preliminary ? `${q} (${t.preliminaryShort})` : q;
}

function promiseBlock(p: ReportPromise, t: Texts, lang: ReportLanguage): unknown[] {
  const targetValue =
    p.unit === "share"
      ? percentText(Number(p.record.target.value), lang)
      : p.unit === "kronor"
        ? kronorText(p.record.target.value, lang)
        : decimalText(p.record.target.value, lang);
  const value = (v: string | null) =>
    v === null
      ? "–"
      : p.unit === "share"
        ? percentText(Number(v), lang)
        : p.unit === "kronor"
          ? kronorText(v, lang)
          : decimalText(v, lang);
  const lines: unknown[] = [
    { text: p.record.text, bold: true, margin: [0, 6, 0, 0] },
    {
      text: `${t.source}: ${p.record.source}. ${t.target}: ${t[p.record.target.comparison]} ${targetValue}.`,
      fontSize: 9,
    },
    { text: `${t.status[p.status]}${p.status === "no_data" ? ` – ${t.missing}` : ""}`, margin: [0, 2, 0, 0] },
  ];
  if (p.points.length > 0) {
    lines.push({
      text: p.points
        .map(
          (pt) =>
            `${pt.preliminary ? `${pt.period} (${t.preliminaryShort})` : pt.period}: ${value(pt.value)}`,
        )
        .join("   "),
      fontSize: 9,
    });
  }
  if (p.projectedKronor !== null)
    lines.push({ text: `${t.projected}: ${kronorText(p.projectedKronor, lang)}`, fontSize: 9 });
  return lines;
}

export function quarterlyReportDocument(data: QuarterlyReportData, lang: ReportLanguage = "sv"): unknown {
  const t = TEXT[lang];
  const a = data.accessibility;
  const reference = data.reference?.nationalPhoneRate ?? null;

  const accessibilityTable = table(
    [t.measure, ...a.map((q) => quarterLabel(q.quarter, q.preliminary, t))],
    [
      [t.phone, ...a.map((q) => rateCell(q.phone, lang))],
      [t.resident, ...a.map((q) => rateCell(q.resident, lang))],
      [t.feedback, ...a.map((q) => rateCell(q.feedback, lang))],
      [t.assessment, ...a.map((q) => rateCell(q.assessment, lang))],
    ],
  );
  const chart = rateLinesSvg({
    categories: a.map((q) => q.quarter),
    series: [
      { name: t.phone, values: a.map((q) => (q.phone.rate === null ? null : q.phone.rate * 100)) },
      { name: t.resident, values: a.map((q) => (q.resident.rate === null ? null : q.resident.rate * 100)) },
      { name: t.feedback, values: a.map((q) => (q.feedback.rate === null ? null : q.feedback.rate * 100)) },
    ],
    preliminary: a.map((q) => q.preliminary),
    reference:
      reference === null
        ? null
        : { label: `${t.reference} ${percentText(reference, lang)}`, percent: reference * 100 },
  });

  const staffingBlock = data.staffing.available
    ? table(
        [t.measure, ...data.staffing.data.map((s) => s.quarter)],
        [
          [t.listedPerGp, ...data.staffing.data.map((s) => decimalText(s.listedPerGp, lang))],
          [t.shortfall, ...data.staffing.data.map((s) => decimalText(s.shortfallFte, lang))],
        ],
      )
    : { text: t.staffingMissing, italics: true, margin: [0, 2, 0, 8] };

  const transfersBlock = data.transfers.available
    ? table(
        ["", t.estimatedCost, t.compensation, t.gap],
        [
          ...data.transfers.data.transfers.map((x) => [
            x.id,
            oreKronor(x.estimatedCostOre, lang),
            oreKronor(x.compensationOre, lang),
            oreKronor(x.gapOre, lang),
          ]),
          [
            t.total,
            oreKronor(data.transfers.data.total.estimatedCostOre, lang),
            oreKronor(data.transfers.data.total.compensationOre, lang),
            oreKronor(data.transfers.data.total.gapOre, lang),
          ],
        ],
      )
    : { text: t.transfersMissing, italics: true, margin: [0, 2, 0, 8] };

  const groupRows = data.groups.map((g) => [
    g.by === "type" ? (t.type[g.key] ?? g.key) : (t.ownership[g.key] ?? g.key),
    String(g.units),
    rateCell(g.phone, lang),
    rateCell(g.resident, lang),
    String(g.listed),
    kronorText(g.paymentPerListedKronor, lang),
  ]);
  const kommunRows = data.kommuner.kommuner
    .filter((k) => k.units.length > 0)
    .map((k) => [
      k.name,
      rateCell({ ...k.skrPhoneRate }, lang),
      rateCell({ ...k.residentRate }, lang),
      kronorText(k.paymentPerListed.kronor, lang),
    ]);
  const moneyRows = data.money.components.map((c) => [
    c.label,
    oreKronor(c.quarterOre, lang),
    oreKronor(c.yearToDateOre, lang),
  ]);

  const answers: Record<number, unknown[]> = {
    1: [transfersBlock],
    2: [accessibilityTable, { svg: chart, width: 480, margin: [0, 0, 0, 8] }, staffingBlock],
    3: [
      table([t.group, t.units, t.phone, t.resident, t.listed, t.paymentPerListed], groupRows),
      table([t.kommun, t.phone, t.resident, t.paymentPerListed], kommunRows),
      { text: t.suppressed, fontSize: 8, margin: [0, 0, 0, 6] },
      { text: t.flowsMissing, italics: true, margin: [0, 0, 0, 8] },
    ],
  };
  const defaultTitles: Record<number, string> = { 1: t.q1, 2: t.q2, 3: t.q3 };
  const questions =
    data.questions.length > 0
      ? data.questions
      : [1, 2, 3].map((n) => ({ number: n, text: defaultTitles[n] as string, source: "" }));

  const content: unknown[] = [
    { text: t.title, style: "h1" },
    { text: `${data.regionName} – ${t.quarter} ${data.quarter}`, style: "h2" },
    { text: `${t.generated} ${data.today}`, fontSize: 9, margin: [0, 0, 0, 6] },
  ];
  if (data.preliminary) content.push({ text: t.preliminary, bold: true, margin: [0, 0, 0, 6] });
  content.push({ text: t.questions, style: "h2" });
  for (const q of questions) {
    content.push({ text: `${t.question} ${q.number}. ${defaultTitles[q.number] ?? ""}`, style: "h3" });
    content.push({ text: q.text, italics: true, fontSize: 9, margin: [0, 0, 0, 4] });
    content.push(...(answers[q.number] ?? []));
  }
  content.push({ text: t.money, style: "h2" });
  if (moneyRows.length === 0) content.push({ text: t.noRuns, italics: true });
  else {
    content.push(table([t.component, t.quarterPaid, t.yearToDate], moneyRows));
    content.push({
      svg: moneyBarsSvg({
        labels: data.money.components.map((c) => c.label),
        kronor: data.money.components.map((c) => Number(BigInt(c.yearToDateOre) / 100n)),
      }),
      width: 480,
    });
  }
  content.push({ text: t.promises, style: "h2", pageBreak: "before" });
  for (const p of data.promises) content.push(...promiseBlock(p, t, lang));
  for (const g of data.grants) {
    if (!g.effect.available) continue;
    content.push({ text: `${t.did}: ${g.componentId}`, style: "h3" });
    const label = { skrPhoneRate: t.phone, residentRate: t.resident, listedPerGp: t.listedPerGp };
    // A rate's did is a difference of shares: percentage points; listed per GP's is a ratio difference.
    const didText = (measure: keyof typeof label, did: number | string | null) =>
      did === null
        ? "–"
        : measure === "listedPerGp"
          ? decimalText(String(did), lang)
          : `${percentText(Number(did), lang).replace(" %", "")} ${t.points}`;
    content.push(
      table(
        [t.measure, t.didShort],
        // FORMATS.md's three measures; the staffing module's extra ones (agency share) stay on its page.
        g.effect.data.measures.flatMap((m) =>
          m.measure in label
            ? [[label[m.measure as keyof typeof label], didText(m.measure as keyof typeof label, m.did)]]
            : [],
        ),
      ),
    );
  }
  if (data.grants.every((g) => !g.effect.available) && data.grants.length > 0)
    content.push({ text: t.grantMissing, italics: true, margin: [0, 6, 0, 0] });

  return {
    info: { title: `${t.title} ${data.regionName} ${data.quarter}`, creator: "Vårdnav" },
    pageSize: "A4",
    pageMargins: [40, 50, 40, 50],
    defaultStyle: { font: "Helvetica", fontSize: 10 },
    styles: {
      h1: { fontSize: 18, bold: true },
      h2: { fontSize: 14, bold: true, margin: [0, 10, 0, 4] },
      h3: { fontSize: 11, bold: true, margin: [0, 8, 0, 2] },
    },
    content,
  };
}

export async function quarterlyReportPdf(
  data: QuarterlyReportData,
  lang: ReportLanguage = "sv",
): Promise<Buffer> {
  return createStandardFontPdf(quarterlyReportDocument(data, lang)).getBuffer();
}
