import { Alert, NativeSelect, Stack, Table, Text, Title, VisuallyHidden } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { getRouteApi } from "@tanstack/react-router";
import type { EChartsCoreOption } from "echarts/core";
import { useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import type { Region } from "../../api/types.ts";
import { Page } from "../shell/Page.tsx";
import { LoadError, LoadingState } from "../shell/QueryStates.tsx";
import { EChart } from "../stats/EChart.tsx";
import { formatCount, formatMonth } from "../stats/format.ts";
import { RegionScope } from "../stats/RegionScope.tsx";
import { type FlowGrouping, type ListingFlowsResponse, listingFlowsQuery } from "./api.ts";
import { flowTotals, monthsBefore, sankeyData } from "./listing-view.ts";

const route = getRouteApi("/_app/listning/floden");

export function FlowsPage() {
  const { t } = useTranslation();
  const search = route.useSearch();
  const navigate = route.useNavigate();
  return (
    <Page title={t("listing.flows.title")}>
      <Text mb="md" maw={760}>
        {t("listing.flows.intro")}
      </Text>
      <RegionScope
        requested={search.region}
        onRegionChange={(region) => void navigate({ search: { region } })}
      >
        {({ region, today }) => <FlowsView key={region.code} region={region} today={today} />}
      </RegionScope>
    </Page>
  );
}

const GROUPINGS: readonly FlowGrouping[] = ["unit", "ownership", "type"];
const GROUPING_LABEL = { unit: "byUnit", ownership: "byOwnership", type: "byType" } as const;

function FlowsView({ region, today }: { region: Region; today: string }) {
  const { t, i18n } = useTranslation();
  const language = i18n.resolvedLanguage ?? "sv";
  const to = today.slice(0, 7);
  const from = monthsBefore(to, 23);
  const [by, setBy] = useState<FlowGrouping>("unit");
  const flows = useQuery(listingFlowsQuery(region.code, from, to, by));
  return (
    <Stack gap="lg">
      <NativeSelect
        label={t("listing.flows.by")}
        maw={320}
        value={by}
        onChange={(event) => setBy(event.currentTarget.value as FlowGrouping)}
        data={GROUPINGS.map((g) => ({ value: g, label: t(`listing.flows.${GROUPING_LABEL[g]}`) }))}
      />
      {flows.isPending ? (
        <LoadingState label={t("listing.flows.loading")} />
      ) : flows.isError ? (
        <LoadError
          title={t("listing.flows.loadFailed")}
          error={flows.error}
          onRetry={() => void flows.refetch()}
        />
      ) : (
        <FlowSections data={flows.data} language={language} />
      )}
    </Stack>
  );
}

function FlowSections({ data, language }: { data: ListingFlowsResponse; language: string }) {
  const { t } = useTranslation();
  const from = formatMonth(data.from, language);
  const to = formatMonth(data.to, language);
  const totals = useMemo(() => flowTotals(data.rows), [data]);
  const names = useMemo(() => new Map(totals.map((x) => [x.group, x.name])), [totals]);
  const label = (group: string): string => {
    if (group === "new") return t("listing.flows.newNode");
    if (group === "ended") return t("listing.flows.endedNode");
    if (data.by === "ownership") return t(`listing.ownerships.${group as "regional"}`);
    if (data.by === "type") return t(`listing.types.${group as "halsocentral"}`);
    return names.get(group) ?? group;
  };
  const [chosen, setChosen] = useState<string>("");
  const selected = chosen === "" ? (totals[0]?.group ?? "") : chosen;
  const monthly = data.rows.filter((r) => r.group === selected);
  return (
    <>
      {data.monthsWithoutData.length > 0 ? (
        <Alert color="gray">
          {t("listing.flows.missingMonths", {
            months: data.monthsWithoutData.map((m) => formatMonth(m, language, "short")).join(", "),
          })}
        </Alert>
      ) : null}
      <Table striped captionSide="top">
        <Table.Caption>
          {t("listing.flows.totalsCaption", {
            by: t(`listing.flows.${GROUPING_LABEL[data.by]}`).toLowerCase(),
            from,
            to,
          })}
        </Table.Caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t("listing.flows.group")}</Table.Th>
            <Table.Th scope="col">{t("listing.flows.newListings")}</Table.Th>
            <Table.Th scope="col">{t("listing.flows.movedIn")}</Table.Th>
            <Table.Th scope="col">{t("listing.flows.inflow")}</Table.Th>
            <Table.Th scope="col">{t("listing.flows.endedListings")}</Table.Th>
            <Table.Th scope="col">{t("listing.flows.movedOut")}</Table.Th>
            <Table.Th scope="col">{t("listing.flows.outflow")}</Table.Th>
            <Table.Th scope="col">{t("listing.flows.net")}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {totals.map((row) => (
            <Table.Tr key={row.group}>
              <Table.Th scope="row">{label(row.group)}</Table.Th>
              <Table.Td>{formatCount(row.newListings, language)}</Table.Td>
              <Table.Td>{formatCount(row.movedIn, language)}</Table.Td>
              <Table.Td>{formatCount(row.inflow, language)}</Table.Td>
              <Table.Td>{formatCount(row.endedListings, language)}</Table.Td>
              <Table.Td>{formatCount(row.movedOut, language)}</Table.Td>
              <Table.Td>{formatCount(row.outflow, language)}</Table.Td>
              <Table.Td>{formatCount(row.net, language)}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {data.by === "unit" ? null : (
        <SankeySection data={data} label={label} from={from} to={to} language={language} />
      )}
      <section aria-labelledby="flows-monthly-heading">
        <Title order={2} id="flows-monthly-heading" mb="xs">
          {t("listing.flows.monthlyTitle")}
        </Title>
        <NativeSelect
          label={t("listing.flows.chooseGroup")}
          maw={420}
          mb="sm"
          value={selected}
          onChange={(event) => setChosen(event.currentTarget.value)}
          data={totals.map((x) => ({ value: x.group, label: label(x.group) }))}
        />
        <Table striped captionSide="top" maw={760}>
          <Table.Caption>{t("listing.flows.monthlyCaption", { name: label(selected) })}</Table.Caption>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t("listing.month")}</Table.Th>
              <Table.Th scope="col">{t("listing.flows.newListings")}</Table.Th>
              <Table.Th scope="col">{t("listing.flows.inflow")}</Table.Th>
              <Table.Th scope="col">{t("listing.flows.endedListings")}</Table.Th>
              <Table.Th scope="col">{t("listing.flows.outflow")}</Table.Th>
              <Table.Th scope="col">{t("listing.flows.net")}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {monthly.map((r) => (
              <Table.Tr key={r.month}>
                <Table.Th scope="row">{formatMonth(r.month, language)}</Table.Th>
                <Table.Td>{formatCount(r.newListings, language)}</Table.Td>
                <Table.Td>{formatCount(r.inflow, language)}</Table.Td>
                <Table.Td>{formatCount(r.endedListings, language)}</Table.Td>
                <Table.Td>{formatCount(r.outflow, language)}</Table.Td>
                <Table.Td>{formatCount(r.net, language)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </section>
    </>
  );
}

function SankeySection({
  data,
  label,
  from,
  to,
  language,
}: {
  data: ListingFlowsResponse;
  label: (group: string) => string;
  from: string;
  to: string;
  language: string;
}) {
  const { t } = useTranslation();
  const sankey = useMemo(
    () =>
      sankeyData(data.matrix, label, { from: t("listing.flows.fromSide"), to: t("listing.flows.toSide") }),
    [data, label, t],
  );
  const option = useMemo<EChartsCoreOption>(
    () => ({
      tooltip: { trigger: "item" },
      series: [
        {
          type: "sankey",
          data: sankey.nodes,
          links: sankey.links,
          emphasis: { focus: "adjacency" },
          left: 10,
          right: 160,
        },
      ],
    }),
    [sankey],
  );
  const cells = data.matrix.filter((c) => c.count > 0);
  return (
    <section aria-labelledby="flows-sankey-heading">
      <Title order={2} id="flows-sankey-heading" mb="xs">
        {t("listing.flows.sankeyTitle")}
      </Title>
      <EChart
        option={option}
        height={360}
        ariaLabel={t("listing.flows.sankeyAria", {
          from,
          to,
          summary: sankey.links
            .map((l) => `${l.source} → ${l.target}: ${formatCount(l.value, language)}`)
            .join("; "),
        })}
      />
      <VisuallyHidden>
        <Table>
          <Table.Caption>{t("listing.flows.matrixCaption", { from, to })}</Table.Caption>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t("listing.flows.from")}</Table.Th>
              <Table.Th scope="col">{t("listing.flows.to")}</Table.Th>
              <Table.Th scope="col">{t("listing.flows.count")}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {cells.map((c) => (
              <Table.Tr key={`${c.from}-${c.to}`}>
                <Table.Td>{label(c.from)}</Table.Td>
                <Table.Td>{label(c.to)}</Table.Td>
                <Table.Td>{formatCount(c.count, language)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </VisuallyHidden>
    </section>
  );
}
