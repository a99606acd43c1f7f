import type { ServiceContext } from "../src/lib/context.ts";
import type { AuditActor } from "../src/modules/audit/audit.service.ts";
import { findPromiseRows } from "../src/modules/committee/committee.repository.ts";
import type { PromiseRecord, QuestionRecord } from "../src/modules/committee/committee.schemas.ts";
import { savePromises } from "../src/modules/committee/promises.service.ts";

// The seed texts' promises and the interpellation's three questions (DESIGN.md, issue 11), as each demo
// region keeps them. Wording is the demo's own summary of the public texts, labelled as demo data.

const SAME_DAY: PromiseRecord = {
  key: "samma-dag-aterkoppling",
  text: "Alla som kontaktar sin hälsocentral får svar och återkoppling om nästa steg samma dag.",
  source: "Primärvårdslöfte, gäller från 31 december 2025 (demo)",
  startDate: "2025-12-31",
  measure: { kind: "feedbackRate" },
  target: { comparison: "atLeast", value: "1" },
};

const PHONE_NATIONAL: PromiseRecord = {
  key: "telefon-rikssnitt",
  text: "Telefontillgängligheten ska minst nå rikets nivå: 87,5 % besvarade samma dag (SKR:s mått).",
  source: "Budget 2026, tillgänglighetsmål (demo)",
  startDate: "2026-01-01",
  measure: { kind: "skrPhoneRate" },
  target: { comparison: "atLeast", value: "0.875" },
};

const GP_RATIO: PromiseRecord = {
  key: "specialist-per-1100",
  text: "En specialist i allmänmedicin per 1 100 listade.",
  source: "Socialstyrelsens riktvärde, antaget i primärvårdsstrategin (demo)",
  startDate: "2026-01-01",
  measure: { kind: "listedPerGp" },
  target: { comparison: "atMost", value: "1100" },
};

const TRANSFERS: PromiseRecord = {
  key: "resurser-foljer-uppgifter",
  text: "Resurser och kompetens följer med när uppgifter flyttas från slutenvården till primärvården.",
  source: "Primärvårdslöfte, budget 2026 (demo)",
  startDate: "2026-01-01",
  measure: { kind: "transfersGap" },
  target: { comparison: "atMost", value: "0" },
};

function budgetPromise(
  key: string,
  text: string,
  componentId: string,
  kronor: string,
  source: string,
): PromiseRecord {
  return {
    key,
    text,
    source,
    startDate: "2026-01-01",
    measure: { kind: "componentBudget", componentId },
    target: { comparison: "atLeast", value: kronor },
  };
}

const QUESTIONS: QuestionRecord[] = [
  {
    number: 1,
    text: "Hur säkerställer utskottet att resurser och kompetens följer med när uppgifter flyttas från slutenvården till primärvården?",
    source: "Interpellation till primärvårdsutskottets ordförande (demo)",
  },
  {
    number: 2,
    text: "Hur utvecklas tillgängligheten mot samma dag-löftet och läkarbemanningen mot målet en specialist per 1 100 listade?",
    source: "Interpellation till primärvårdsutskottets ordförande (demo)",
  },
  {
    number: 3,
    text: "Hur går det för valfriheten, de små enheterna, sjukstugorna och de privata vårdgivarna?",
    source: "Interpellation till primärvårdsutskottets ordförande (demo)",
  },
];

export function demoPromises(regionCode: string): { promises: PromiseRecord[]; questions: QuestionRecord[] } {
  if (regionCode === "22") {
    const budget = "Budget 2026, Region Västernorrland (demo)";
    return {
      promises: [
        SAME_DAY,
        PHONE_NATIONAL,
        GP_RATIO,
        budgetPromise(
          "glesbygd-54-msek",
          "Glesbygdsersättningen höjs från 49 till 54 miljoner kronor.",
          "glesbygd",
          "54000000.00",
          budget,
        ),
        budgetPromise(
          "hemsjukvard-2000-kr",
          "2 000 kronor per hemsjukvårdsbesök, omkring 8,5 miljoner kronor i nya pengar.",
          "hemsjukvard",
          "8500000.00",
          budget,
        ),
        budgetPromise(
          "multisjuka-7-msek",
          "7 miljoner kronor omfördelas till målrelaterad ersättning för att identifiera multisjuka patienter.",
          "multisjuka",
          "7000000.00",
          budget,
        ),
        budgetPromise(
          "tillganglighet-10-msek",
          "10 miljoner kronor inom Vårdval går till ersättning för tillgänglighet samma dag.",
          "tillganglighet",
          "10000000.00",
          "Omfördelning inom Vårdval 2025, kvar 2026 (demo)",
        ),
        {
          key: "riktat-stod-kramfors-solleftea",
          text: "Riktat bemanningsstöd till hälsocentralerna i Kramfors och Sollefteå 2024–2027 ska ge bättre tillgänglighet.",
          source: "Regionstyrelsens beslut om riktat stöd 2024–2027 (demo)",
          startDate: "2024-01-01",
          measure: { kind: "grantEffect", componentId: "riktad-bemanning", effectMeasure: "skrPhoneRate" },
          target: { comparison: "atLeast", value: "0" },
        },
        TRANSFERS,
      ],
      questions: QUESTIONS,
    };
  }
  if (regionCode === "24") {
    return {
      promises: [
        {
          ...PHONE_NATIONAL,
          text: "Telefontillgängligheten ska lyftas från 66,5 % till rikets 87,5 % besvarade samma dag.",
        },
        SAME_DAY,
        GP_RATIO,
        TRANSFERS,
      ],
      questions: QUESTIONS,
    };
  }
  return { promises: [], questions: [] };
}

/** Stores the demo regions' promises and questions (by key and number: loading again changes nothing new). */
export async function loadDemoPromises(
  ctx: ServiceContext,
  actor: AuditActor,
  regionCodes: readonly string[],
): Promise<number> {
  let stored = 0;
  for (const code of regionCodes) {
    const { promises, questions } = demoPromises(code);
    if (promises.length === 0) continue;
    // Loaded before: keep what is there (and the access log free of repeated no-op saves).
    const existing = new Set((await findPromiseRows(ctx.db, code)).map((p) => p.key));
    if (promises.every((p) => existing.has(p.key))) continue;
    stored += (await savePromises(ctx, actor, code, { promises, questions })).promises;
  }
  return stored;
}
