import { Alert, NativeSelect, Stack, Table, Text } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { getRouteApi } from "@tanstack/react-router";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import type { Region } from "../../api/types.ts";
import { Page } from "../shell/Page.tsx";
import { LoadError, LoadingState } from "../shell/QueryStates.tsx";
import { formatCount, formatMonth, formatRate } from "../stats/format.ts";
import { RegionScope } from "../stats/RegionScope.tsx";
import { type UnitStructureResponse, unitStructureQuery } from "./api.ts";
import { monthsBefore, orePerListedText } from "./listing-view.ts";
import { ScenarioSection } from "./ScenarioSection.tsx";

const route = getRouteApi("/_app/enhetsstruktur");

export function StructurePage() {
  const { t } = useTranslation();
  const search = route.useSearch();
  const navigate = route.useNavigate();
  return (
    <Page title={t("listing.structure.title")}>
      <Text mb="md" maw={760}>
        {t("listing.structure.intro")}
      </Text>
      <RegionScope
        requested={search.region}
        onRegionChange={(region) => void navigate({ search: { region } })}
      >
        {({ region, today }) => <StructureView key={region.code} region={region} today={today} />}
      </RegionScope>
    </Page>
  );
}

type Dimension = UnitStructureResponse["groups"][number]["dimension"];
const DIMENSIONS: readonly Dimension[] = ["type", "ownership", "provider", "kommun"];

function StructureView({ region, today }: { region: Region; today: string }) {
  const { t, i18n } = useTranslation();
  const language = i18n.resolvedLanguage ?? "sv";
  // "" is the server's choice: the latest month with an approved run, else the latest with listing.
  const [chosenMonth, setChosenMonth] = useState("");
  const structure = useQuery(unitStructureQuery(region.code, chosenMonth === "" ? undefined : chosenMonth));
  const monthPicker = (
    <NativeSelect
      label={t("listing.month")}
      maw={320}
      value={chosenMonth}
      onChange={(event) => setChosenMonth(event.currentTarget.value)}
      data={[
        { value: "", label: t("listing.structure.latestMonth") },
        ...Array.from({ length: 24 }, (_, i) => monthsBefore(today.slice(0, 7), i)).map((m) => ({
          value: m,
          label: formatMonth(m, language),
        })),
      ]}
    />
  );
  const [dimension, setDimension] = useState<Dimension>("type");
  if (structure.isPending)
    return (
      <Stack gap="lg">
        {monthPicker}
        <LoadingState label={t("listing.structure.loading")} />
      </Stack>
    );
  if (structure.isError)
    return (
      <Stack gap="lg">
        {monthPicker}
        <LoadError
          title={t("listing.structure.loadFailed")}
          error={structure.error}
          onRetry={() => void structure.refetch()}
        />
      </Stack>
    );
  const data = structure.data;
  const month = formatMonth(data.month, language);
  const groups = data.groups.filter((g) => g.dimension === dimension);
  const rateText = (group: UnitStructureResponse["units"][number]["phone"]) =>
    group.suppressed ? t("listing.structure.suppressed") : formatRate(group.rate, language);
  const labelOf = (g: UnitStructureResponse["groups"][number]) =>
    g.dimension === "type"
      ? t(`listing.types.${g.key as "halsocentral"}`)
      : g.dimension === "ownership"
        ? t(`listing.ownerships.${g.key as "regional"}`)
        : g.label;
  return (
    <Stack gap="lg">
      {monthPicker}
      <Text fw={600}>{t("listing.structure.month", { month })}</Text>
      {data.run !== null ? <Text size="sm">{t("listing.structure.runNote", { month })}</Text> : null}
      {data.preliminary ? <Alert color="yellow">{t("listing.preliminary", { month })}</Alert> : null}
      {data.run === null ? <Alert color="gray">{t("listing.structure.noRun", { month })}</Alert> : null}
      {data.staffingAvailable ? null : <Alert color="gray">{t("listing.structure.noStaffing")}</Alert>}
      {data.units.some((u) => u.phone.suppressed || u.resident.suppressed) ? (
        <Alert color="gray">{t("listing.structure.suppressedNote")}</Alert>
      ) : null}
      <NativeSelect
        label={t("listing.structure.groupBy")}
        maw={320}
        value={dimension}
        onChange={(event) => setDimension(event.currentTarget.value as Dimension)}
        data={DIMENSIONS.map((d) => ({ value: d, label: t(`listing.structure.dimensions.${d}`) }))}
      />
      <Table striped captionSide="top">
        <Table.Caption>
          {t("listing.structure.groupsCaption", {
            dimension: t(`listing.structure.dimensions.${dimension}`).toLowerCase(),
            month,
          })}
        </Table.Caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t(`listing.structure.dimensions.${dimension}`)}</Table.Th>
            <Table.Th scope="col">{t("listing.structure.units")}</Table.Th>
            <Table.Th scope="col">{t("listing.structure.listed")}</Table.Th>
            <Table.Th scope="col">{t("listing.structure.listedPerSpecialist")}</Table.Th>
            <Table.Th scope="col">{t("listing.structure.phoneRate")}</Table.Th>
            <Table.Th scope="col">{t("listing.structure.residentRate")}</Table.Th>
            <Table.Th scope="col">{t("listing.structure.paymentPerListed")}</Table.Th>
            {data.components.map((c) => (
              <Table.Th scope="col" key={c.id}>
                {c.label}
              </Table.Th>
            ))}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {groups.map((g) => (
            <Table.Tr key={g.key}>
              <Table.Th scope="row">{labelOf(g)}</Table.Th>
              <Table.Td>{formatCount(g.units, language)}</Table.Td>
              <Table.Td>{formatCount(g.listed, language)}</Table.Td>
              <Table.Td>{g.listedPerSpecialist ?? "–"}</Table.Td>
              <Table.Td>{rateText(g.phone)}</Table.Td>
              <Table.Td>{rateText(g.resident)}</Table.Td>
              <Table.Td>{orePerListedText(g.paymentPerListedOre, language)}</Table.Td>
              {data.components.map((c) => (
                <Table.Td key={c.id}>
                  {orePerListedText(perListed(g.componentsOre[c.id], g.listed), language)}
                </Table.Td>
              ))}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      <Table striped captionSide="top">
        <Table.Caption>{t("listing.structure.unitsCaption", { month })}</Table.Caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t("listing.unit")}</Table.Th>
            <Table.Th scope="col">{t("listing.type")}</Table.Th>
            <Table.Th scope="col">{t("listing.ownership")}</Table.Th>
            <Table.Th scope="col">{t("listing.kommun")}</Table.Th>
            <Table.Th scope="col">{t("listing.structure.listed")}</Table.Th>
            <Table.Th scope="col">{t("listing.structure.listedPerSpecialist")}</Table.Th>
            <Table.Th scope="col">{t("listing.structure.phoneRate")}</Table.Th>
            <Table.Th scope="col">{t("listing.structure.residentRate")}</Table.Th>
            <Table.Th scope="col">{t("listing.structure.paymentPerListed")}</Table.Th>
            <Table.Th scope="col">{t("listing.structure.ruralPoints")}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {data.units.map((u) => (
            <Table.Tr key={u.hsaId}>
              <Table.Th scope="row">{u.name}</Table.Th>
              <Table.Td>{t(`listing.types.${u.type as "halsocentral"}`)}</Table.Td>
              <Table.Td>{t(`listing.ownerships.${u.ownership as "regional"}`)}</Table.Td>
              <Table.Td>{u.kommunName}</Table.Td>
              <Table.Td>{formatCount(u.listed, language)}</Table.Td>
              <Table.Td>{u.listedPerSpecialist ?? "–"}</Table.Td>
              <Table.Td>{rateText(u.phone)}</Table.Td>
              <Table.Td>{rateText(u.resident)}</Table.Td>
              <Table.Td>{orePerListedText(u.paymentPerListedOre, language)}</Table.Td>
              <Table.Td>{u.ruralPoints ?? "–"}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      <ScenarioSection region={region.code} month={data.month} units={data.units} />
    </Stack>
  );
}

/** A component's öre per listed person, rounded half to even like the money it is: null without listed. */
function perListed(ore: string | undefined, listed: number): string | null {
  if (ore === undefined || listed === 0) return null;
  const n = BigInt(ore);
  const d = BigInt(listed);
  let q = n / d;
  const twice = 2n * (n - q * d);
  if (twice > d || (twice === d && q % 2n === 1n)) q += 1n;
  return q.toString();
}
