// The register table's filter and order, pure: which transfers a status and year select, and a stable
// sort by any column (money compared exactly, text in the language's order).
import type { TransferStatus, TransferView } from "./api.ts";

export type RegisterColumn = "title" | "status" | "from" | "cost" | "compensation";

const STATUS_ORDER: Record<TransferStatus, number> = { proposed: 0, decided: 1, in_effect: 2, ended: 3 };

/** Does any month of the year lie in [from, to]? The same rule as the server's year filter. */
export function touchesYear(transfer: Pick<TransferView, "from" | "to">, year: number): boolean {
  const first = `${year}-01`;
  const last = `${year}-12`;
  return transfer.from <= last && (transfer.to === null || transfer.to >= first);
}

export function filterTransfers(
  transfers: readonly TransferView[],
  filter: { status?: TransferStatus | undefined; year?: number | undefined },
): TransferView[] {
  return transfers.filter(
    (t) =>
      (filter.status === undefined || t.status === filter.status) &&
      (filter.year === undefined || touchesYear(t, filter.year)),
  );
}

/** Kronor text ("2340000.50") as öre, for exact comparison. */
function ore(kronor: string): bigint {
  const [whole = "0", fraction = ""] = kronor.split(".");
  return BigInt(whole) * 100n + BigInt(fraction.padEnd(2, "0").slice(0, 2) || "0");
}

export function sortTransfers(
  transfers: readonly TransferView[],
  column: RegisterColumn,
  direction: "asc" | "desc",
  language: string,
): TransferView[] {
  const collator = new Intl.Collator(language === "en" ? "en" : "sv");
  const compare = (a: TransferView, b: TransferView): number => {
    switch (column) {
      case "title":
        return collator.compare(a.title, b.title);
      case "status":
        return STATUS_ORDER[a.status] - STATUS_ORDER[b.status];
      case "from":
        return a.from < b.from ? -1 : a.from > b.from ? 1 : 0;
      case "cost": {
        const d = ore(a.estimatedAnnualCost) - ore(b.estimatedAnnualCost);
        return d < 0n ? -1 : d > 0n ? 1 : 0;
      }
      case "compensation": {
        const d = ore(a.annualCompensation) - ore(b.annualCompensation);
        return d < 0n ? -1 : d > 0n ? 1 : 0;
      }
    }
  };
  const sign = direction === "asc" ? 1 : -1;
  return [...transfers].sort((a, b) => sign * compare(a, b) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/** The years the year filter offers: from the earliest start to next year. */
export function registerYears(transfers: readonly TransferView[], thisYear: number): number[] {
  const first = Math.min(thisYear, ...transfers.map((t) => Number(t.from.slice(0, 4))));
  return Array.from({ length: thisYear + 2 - first }, (_, i) => first + i);
}
