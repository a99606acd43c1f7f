import { NativeSelect, Text } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import type { Region, User } from "../../api/types.ts";
import { useCurrentUser } from "../auth/session.ts";
import { LoadError, LoadingState } from "../shell/QueryStates.tsx";
import { regionsQuery } from "../units/api.ts";

/** The region in the address if the user may see it, else the user's own region, else the first visible. */
function chosenRegion(regions: readonly Region[], requested: string | undefined, user: User): Region | null {
  return (
    regions.find((region) => region.code === requested) ??
    regions.find((region) => region.code === user.regionCode) ??
    regions[0] ??
    null
  );
}

interface RegionChoiceProps {
  requested: string | undefined;
  onChange: (code: string) => void;
  children: (region: Region) => ReactNode;
}

/**
 * The region a reimbursement page works in: a choice only when the user may see several (a region admin
 * sees one), otherwise its name as a line of text.
 */
export function RegionChoice({ requested, onChange, children }: RegionChoiceProps) {
  const { t } = useTranslation();
  const user = useCurrentUser();
  const regions = useQuery(regionsQuery);
  if (regions.isPending) return <LoadingState label={t("app.loading")} />;
  if (regions.isError) {
    return (
      <LoadError
        title={t("units.regionsFailed")}
        error={regions.error}
        onRetry={() => void regions.refetch()}
      />
    );
  }
  const region = chosenRegion(regions.data, requested, user);
  if (region === null) return <Text>{t("units.noRegions")}</Text>;
  return (
    <>
      {regions.data.length > 1 ? (
        <NativeSelect
          label={t("reimbursement.region")}
          value={region.code}
          data={regions.data.map((r) => ({ value: r.code, label: r.name }))}
          onChange={(event) => onChange(event.currentTarget.value)}
          maw={320}
          mb="md"
        />
      ) : (
        <Text fz="lg" mb="md">
          {region.name}
        </Text>
      )}
      {children(region)}
    </>
  );
}
