// The register form's rules, pure so they are tested without a browser: what the fields hold, how typed
// amounts become the register's kronor text (Swedish "2 340 000,50" and English "2,340,000.50" both), the
// checks the browser can make before sending (the server makes them all again), and where the server's
// validation issues belong.
import type { TransferEdit, TransferInput, TransferStatus, TransferView } from "./api.ts";

export const FORM_FIELDS = [
  "id",
  "title",
  "fromClinic",
  "decisionRef",
  "decidedOn",
  "status",
  "from",
  "to",
  "expectedAnnualVolume",
  "volumeUnit",
  "estimatedAnnualCost",
  "annualCompensation",
  "component",
  "units",
] as const;
export type FormField = (typeof FORM_FIELDS)[number];

export interface FormValues {
  id: string;
  title: string;
  fromClinic: string;
  decisionRef: string;
  decidedOn: string;
  status: TransferStatus;
  from: string;
  to: string;
  expectedAnnualVolume: string;
  volumeUnit: string;
  estimatedAnnualCost: string;
  annualCompensation: string;
  component: string;
  unitsMode: "all" | "chosen";
  units: string[];
}

export type ProblemKind =
  | "required"
  | "notAmount"
  | "notWhole"
  | "notMonth"
  | "noUnits"
  | "toBeforeFrom"
  | "endedNeedsTo";

export interface FieldProblem {
  field: FormField;
  kind: ProblemKind;
}

export function emptyValues(today: string): FormValues {
  return {
    id: "",
    title: "",
    fromClinic: "",
    decisionRef: "",
    decidedOn: "",
    status: "proposed",
    from: today.slice(0, 7),
    to: "",
    expectedAnnualVolume: "",
    volumeUnit: "",
    estimatedAnnualCost: "",
    annualCompensation: "0",
    component: "",
    unitsMode: "all",
    units: [],
  };
}

export function valuesOf(view: TransferView): FormValues {
  return {
    id: view.id,
    title: view.title,
    fromClinic: view.fromClinic,
    decisionRef: view.decisionRef ?? "",
    decidedOn: view.decidedOn ?? "",
    status: view.status,
    from: view.from,
    to: view.to ?? "",
    expectedAnnualVolume: String(view.expectedAnnualVolume),
    volumeUnit: view.volumeUnit,
    estimatedAnnualCost: view.estimatedAnnualCost,
    annualCompensation: view.annualCompensation,
    component: view.component ?? "",
    unitsMode: view.units === null ? "all" : "chosen",
    units: view.units ?? [],
  };
}

/** Typed kronor → the register's decimal text ("2340000.50"), or null when it is not an amount. */
export function kronorInput(text: string): string | null {
  const compact = text.replace(/[\s\u00a0\u202f]/g, "").replace(/kr$/i, "");
  // "12,345" could be either language's; only unambiguous grouping ("2,340,000", "12,345.50") reads as English.
  const english =
    /^\d{1,3}(,\d{3}){2,}(\.\d{1,2})?$/.test(compact) || /^\d{1,3}(,\d{3})+\.\d{1,2}$/.test(compact);
  const normalised = english ? compact.replaceAll(",", "") : compact.replace(",", ".");
  return /^\d{1,13}(\.\d{1,2})?$/.test(normalised) ? normalised : null;
}

const MONTH_RE = /^\d{4}-(0[1-9]|1[0-2])$/;

/** The request body, or the problems that keep it from being sent. */
export function buildBody(
  values: FormValues,
): { ok: true; body: TransferInput } | { ok: false; problems: FieldProblem[] } {
  const problems: FieldProblem[] = [];
  const need = (field: FormField, value: string) => {
    if (value.trim() === "") problems.push({ field, kind: "required" });
  };
  need("id", values.id);
  need("title", values.title);
  need("fromClinic", values.fromClinic);
  if (values.status !== "proposed") {
    need("decisionRef", values.decisionRef);
    need("decidedOn", values.decidedOn);
  }
  if (!MONTH_RE.test(values.from)) problems.push({ field: "from", kind: "notMonth" });
  if (values.to !== "" && !MONTH_RE.test(values.to)) problems.push({ field: "to", kind: "notMonth" });
  else if (values.to !== "" && MONTH_RE.test(values.from) && values.to < values.from)
    problems.push({ field: "to", kind: "toBeforeFrom" });
  if (values.status === "ended" && values.to === "") problems.push({ field: "to", kind: "endedNeedsTo" });
  const volume = values.expectedAnnualVolume.replace(/[\s\u00a0]/g, "");
  if (!/^\d{1,9}$/.test(volume)) problems.push({ field: "expectedAnnualVolume", kind: "notWhole" });
  need("volumeUnit", values.volumeUnit);
  const cost = kronorInput(values.estimatedAnnualCost);
  if (cost === null) problems.push({ field: "estimatedAnnualCost", kind: "notAmount" });
  const compensation = kronorInput(values.annualCompensation);
  if (compensation === null) problems.push({ field: "annualCompensation", kind: "notAmount" });
  if (values.unitsMode === "chosen" && values.units.length === 0)
    problems.push({ field: "units", kind: "noUnits" });
  if (problems.length > 0 || cost === null || compensation === null) return { ok: false, problems };
  return {
    ok: true,
    body: {
      id: values.id.trim(),
      title: values.title.trim(),
      fromClinic: values.fromClinic.trim(),
      decisionRef: values.decisionRef.trim() === "" ? null : values.decisionRef.trim(),
      decidedOn: values.decidedOn === "" ? null : values.decidedOn,
      status: values.status,
      from: values.from,
      to: values.to === "" ? null : values.to,
      expectedAnnualVolume: Number(volume),
      volumeUnit: values.volumeUnit.trim(),
      estimatedAnnualCost: cost,
      annualCompensation: compensation,
      component: values.component.trim() === "" ? null : values.component.trim(),
      units: values.unitsMode === "all" ? null : [...values.units],
    },
  };
}

/** The edit body: everything but the id, which the address names. */
export function editBody(body: TransferInput): TransferEdit {
  const { id: _id, ...edit } = body;
  return edit;
}

/** The form field a server issue path ("body.units[1]", "estimatedAnnualCost") belongs to, if any. */
export function fieldOfIssuePath(path: string): FormField | null {
  const head = path.replace(/^body\./, "").split(/[.[]/)[0] ?? "";
  return (FORM_FIELDS as readonly string[]).includes(head) ? (head as FormField) : null;
}
