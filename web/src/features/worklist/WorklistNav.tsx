import { Link } from "@tanstack/react-router";
import { useTranslation } from "react-i18next";

interface WorklistNavProps {
  unitHsaId: string | null;
  showOverflow: boolean;
  showUnitViews: boolean;
}

/** The worklist's views as links (each is its own address), marked current by aria-current and a bar. */
export function WorklistNav({ unitHsaId, showOverflow, showUnitViews }: WorklistNavProps) {
  const { t } = useTranslation();
  const search = unitHsaId === null ? {} : { enhet: unitHsaId };
  const exact = { exact: true, includeSearch: false } as const;
  return (
    <nav className="main-nav" aria-label={t("worklist.views")} style={{ marginBottom: "1rem" }}>
      <ul>
        {showUnitViews && (
          <>
            <li>
              <Link to="/arbetslista" search={search} activeOptions={exact}>
                {t("worklist.view.day")}
              </Link>
            </li>
            <li>
              <Link to="/arbetslista/tredagars" search={search} activeOptions={exact}>
                {t("worklist.view.threeDay")}
              </Link>
            </li>
          </>
        )}
        {showOverflow && (
          <li>
            <Link to="/arbetslista/overflod" activeOptions={exact}>
              {t("worklist.view.overflow")}
            </Link>
          </li>
        )}
      </ul>
    </nav>
  );
}
