import { getRouteApi } from "@tanstack/react-router";
import { useTranslation } from "react-i18next";
import { Page } from "../shell/Page.tsx";
import { RegionPicker } from "./RegionPicker.tsx";
import { RegionUnits } from "./RegionUnits.tsx";

const unitsRoute = getRouteApi("/_app/enheter");

export function UnitsPage() {
  const { t } = useTranslation();
  const search = unitsRoute.useSearch();
  const navigate = unitsRoute.useNavigate();
  return (
    <Page title={t("units.title")}>
      <RegionPicker
        requested={search.region}
        onChange={(code) => void navigate({ search: { region: code } })}
        label={t("units.region")}
        loadingLabel={t("units.loading")}
      >
        {/* Keyed by region: another region's units start with fresh filters (its kommuner differ). */}
        {(region) => <RegionUnits key={region.code} region={region} />}
      </RegionPicker>
    </Page>
  );
}
