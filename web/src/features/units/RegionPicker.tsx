import { NativeSelect, Text } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import type { Region, User } from "../../api/types.ts";
import { useCurrentUser } from "../auth/session.ts";
import { LoadError, LoadingState } from "../shell/QueryStates.tsx";
import { regionsQuery } from "./api.ts";

/** The region in the address if the user may see it, else the user's own region, else the first visible. */
export function chosenRegion(
  regions: readonly Region[],
  requested: string | undefined,
  user: User,
): Region | null {
  return (
    regions.find((region) => region.code === requested) ??
    regions.find((region) => region.code === user.regionCode) ??
    regions[0] ??
    null
  );
}

interface RegionPickerProps {
  /** The region in the address, if any. */
  requested: string | undefined;
  onChange: (code: string) => void;
  /** The select's label. */
  label: string;
  /** Spoken while the regions load. */
  loadingLabel: string;
  children: (region: Region) => ReactNode;
}

/**
 * The one region picker: loads the regions the user may see (the server scopes them), offers a choice
 * only when there are several (a region admin sees one: its name as a line of text), then renders the
 * page for the chosen region.
 */
export function RegionPicker({ requested, onChange, label, loadingLabel, children }: RegionPickerProps) {
  const { t } = useTranslation();
  const user = useCurrentUser();
  const regions = useQuery(regionsQuery);
  if (regions.isPending) return <LoadingState label={loadingLabel} />;
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
          label={label}
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
