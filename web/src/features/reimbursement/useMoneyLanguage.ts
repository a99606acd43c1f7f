import { useTranslation } from "react-i18next";
import type { MoneyLanguage } from "./money.ts";

/** The language amounts are written in: the UI language, Swedish unless English is chosen. */
export function useMoneyLanguage(): MoneyLanguage {
  const { i18n } = useTranslation();
  return i18n.resolvedLanguage === "en" ? "en" : "sv";
}
