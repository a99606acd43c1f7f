import { useEffect } from "react";
import { useTranslation } from "react-i18next";

/** Names the browser tab after the page (WCAG 2.4.2), e.g. "Enheter – Vårdnav". */
export function usePageTitle(pageTitle: string): void {
  const { t } = useTranslation();
  const appName = t("app.name");
  useEffect(() => {
    document.title = `${pageTitle} – ${appName}`;
  }, [pageTitle, appName]);
}
