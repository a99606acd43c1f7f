import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import type { Region } from "../../api/types.ts";
import { RegionPicker } from "../units/RegionPicker.tsx";

interface RegionChoiceProps {
  requested: string | undefined;
  onChange: (code: string) => void;
  children: (region: Region) => ReactNode;
}

/** The region a reimbursement page works in (the one region picker, with this feature's wording). */
export function RegionChoice({ requested, onChange, children }: RegionChoiceProps) {
  const { t } = useTranslation();
  return (
    <RegionPicker
      requested={requested}
      onChange={onChange}
      label={t("reimbursement.region")}
      loadingLabel={t("app.loading")}
    >
      {children}
    </RegionPicker>
  );
}
