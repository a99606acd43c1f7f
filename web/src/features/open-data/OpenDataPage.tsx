import { Alert, Button, Fieldset, Group, NativeSelect, Stack, Table, Text, Title } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Page } from "../shell/Page.tsx";
import { LoadError, LoadingState } from "../shell/QueryStates.tsx";
import { formatMonth } from "../stats/format.ts";
import {
  type OpenDataAccessibility,
  openDataMonthsQuery,
  openDataQuery,
  openDataRegionsQuery,
  openDataUrl,
} from "./api.ts";
import { anyWithheld, type FigureCell, figureCells, MEASURE_KEYS } from "./open-data-table.ts";

/** The public open-data page (no sign-in): `/oppna-data`. One published month of a region per view. */
export function OpenDataPage() {
  const { t } = useTranslation();
  const regions = useQuery(openDataRegionsQuery);
  const [chosen, setChosen] = useState<string | null>(null);
  const list = regions.data?.regions ?? [];
  const region = chosen ?? list[0]?.code ?? null;
  return (
    <Page title={t("openData.title")}>
      <Stack gap="md" maw={960} mb="lg">
        <Text>{t("openData.intro")}</Text>
        <Text>{t("openData.rules")}</Text>
      </Stack>
      {regions.isPending ? (
        <LoadingState label={t("openData.loading")} />
      ) : regions.isError ? (
        <LoadError
          title={t("openData.loadFailed")}
          error={regions.error}
          onRetry={() => void regions.refetch()}
        />
      ) : region === null ? (
        <Text>{t("openData.noMonths")}</Text>
      ) : (
        <RegionView key={region} region={region} regions={list} onRegionChange={(code) => setChosen(code)} />
      )}
    </Page>
  );
}

interface RegionViewProps {
  region: string;
  regions: { code: string; name: string }[];
  onRegionChange: (code: string) => void;
}

function RegionView({ region, regions, onRegionChange }: RegionViewProps) {
  const { t, i18n } = useTranslation();
  const language = i18n.resolvedLanguage ?? "sv";
  const months = useQuery(openDataMonthsQuery(region));
  const [chosen, setChosen] = useState<string | null>(null);
  const month = chosen ?? months.data?.months[0] ?? null;
  const regionName = regions.find((r) => r.code === region)?.name ?? region;
  return (
    <Stack gap="lg">
      <Fieldset legend={t("openData.filters")} maw={720}>
        <Group align="flex-end" gap="md" wrap="wrap">
          <NativeSelect
            label={t("openData.region")}
            value={region}
            data={regions.map((r) => ({ value: r.code, label: r.name }))}
            onChange={(event) => onRegionChange(event.currentTarget.value)}
            miw={260}
          />
          <NativeSelect
            label={t("openData.month")}
            value={month ?? ""}
            data={(months.data?.months ?? []).map((m) => ({ value: m, label: formatMonth(m, language) }))}
            onChange={(event) => setChosen(event.currentTarget.value)}
            disabled={month === null}
            miw={200}
          />
        </Group>
      </Fieldset>
      {months.isPending ? (
        <LoadingState label={t("openData.loading")} />
      ) : months.isError ? (
        <LoadError
          title={t("openData.loadFailed")}
          error={months.error}
          onRetry={() => void months.refetch()}
        />
      ) : month === null ? (
        <Text>{t("openData.noMonths")}</Text>
      ) : (
        <MonthFigures region={region} regionName={regionName} month={month} />
      )}
    </Stack>
  );
}

function MonthFigures({ region, regionName, month }: { region: string; regionName: string; month: string }) {
  const { t, i18n } = useTranslation();
  const language = i18n.resolvedLanguage ?? "sv";
  const figures = useQuery(openDataQuery(region, month));
  const jsonUrl = openDataUrl(region, month);
  return (
    <section aria-labelledby="open-data-table-heading">
      <Group justify="space-between" align="flex-end" wrap="wrap" mb="sm">
        <Title order={2} id="open-data-table-heading">
          {t("openData.tableTitle")}
        </Title>
        <Group gap="sm" role="group" aria-label={t("openData.downloads")}>
          <Button component="a" variant="outline" href={openDataUrl(region, month, "csv")} download>
            {t("openData.downloadCsv")}
          </Button>
          <Button
            component="a"
            variant="outline"
            href={jsonUrl}
            download={`tillganglighet-${region}-${month}.json`}
          >
            {t("openData.downloadJson")}
          </Button>
        </Group>
      </Group>
      {figures.isPending ? (
        <LoadingState label={t("openData.loading")} />
      ) : figures.isError ? (
        <LoadError
          title={t("openData.loadFailed")}
          error={figures.error}
          onRetry={() => void figures.refetch()}
        />
      ) : (
        <FiguresTable
          data={figures.data}
          caption={t("openData.tableCaption", { region: regionName, month: formatMonth(month, language) })}
          regionName={regionName}
        />
      )}
      <Text size="sm" mt="md">
        {t("openData.api", { url: jsonUrl })} <a href="/api/public/catalog">{t("openData.catalog")}</a>
      </Text>
    </section>
  );
}

function FigureView({ cell }: { cell: FigureCell }) {
  const { t } = useTranslation();
  if (cell.state === "withheld") {
    return (
      <span title={t("openData.withheldLong")}>
        {cell.rate}{" "}
        <Text span size="sm">
          {t("openData.withheld")}
        </Text>
      </span>
    );
  }
  if (cell.state === "none") {
    return (
      <span>
        {cell.rate}{" "}
        <Text span size="sm">
          {t("openData.noContacts")}
        </Text>
      </span>
    );
  }
  return (
    <span>
      <strong>{cell.rate}</strong>{" "}
      <Text span size="sm">
        {t("openData.countOf", { n: cell.count })}
      </Text>
    </span>
  );
}

function FiguresTable({
  data,
  caption,
  regionName,
}: {
  data: OpenDataAccessibility;
  caption: string;
  regionName: string;
}) {
  const { t, i18n } = useTranslation();
  const language = i18n.resolvedLanguage ?? "sv";
  const total = figureCells(data.total, language);
  return (
    <>
      {anyWithheld(data.units) && (
        <Alert color="blue" variant="outline" title={t("openData.withheldTitle")} mb="md">
          {t("openData.withheldNote")}
        </Alert>
      )}
      <Table.ScrollContainer minWidth={960}>
        <Table captionSide="top" striped withTableBorder>
          <Table.Caption>{caption}</Table.Caption>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t("openData.unit")}</Table.Th>
              <Table.Th scope="col">{t("openData.kommun")}</Table.Th>
              <Table.Th scope="col">{t("openData.type")}</Table.Th>
              <Table.Th scope="col">{t("openData.ownership")}</Table.Th>
              {MEASURE_KEYS.map((key) => (
                <Table.Th scope="col" key={key}>
                  {t(`openData.${key}`)}
                </Table.Th>
              ))}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            <Table.Tr>
              <Table.Th scope="row">
                {t("openData.total")} ({regionName})
              </Table.Th>
              <Table.Td />
              <Table.Td />
              <Table.Td />
              {MEASURE_KEYS.map((key) => (
                <Table.Td key={key}>
                  <FigureView cell={total[key]} />
                </Table.Td>
              ))}
            </Table.Tr>
            {data.units.map((unit) => {
              const cells = figureCells(unit, language);
              return (
                <Table.Tr key={unit.unitHsaId}>
                  <Table.Th scope="row">{unit.name}</Table.Th>
                  <Table.Td>
                    {unit.kommunName} ({unit.kommunCode})
                  </Table.Td>
                  <Table.Td>{t(`openData.types.${unit.type}`)}</Table.Td>
                  <Table.Td>{t(`openData.ownerships.${unit.ownership}`)}</Table.Td>
                  {MEASURE_KEYS.map((key) => (
                    <Table.Td key={key}>
                      <FigureView cell={cells[key]} />
                    </Table.Td>
                  ))}
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </>
  );
}
