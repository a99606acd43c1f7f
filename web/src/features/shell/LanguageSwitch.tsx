import { Button } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { type Language, setLanguage } from "../../i18n/index.ts";

/** One button that offers the other language, written in that language (and marked with its lang). */
export function LanguageSwitch() {
  const { t, i18n } = useTranslation();
  const other: Language = i18n.resolvedLanguage === "en" ? "sv" : "en";
  return (
    <Button variant="default" size="sm" lang={other} onClick={() => void setLanguage(other)}>
      {t("app.switchLanguage")}
    </Button>
  );
}
