import { NativeSelect, Stack, Table, Text, Title } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { getRouteApi } from "@tanstack/react-router";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { formatKronorText, formatOre } from "../reimbursement/money.ts";
import { Page } from "../shell/Page.tsx";
import { LoadError, LoadingState } from "../shell/QueryStates.tsx";
import { formatCount, formatDecimal, formatMonth, formatRate, NO_FIGURE } from "../stats/format.ts";
import { RegionScope } from "../stats/RegionScope.tsx";
import { type GrantEffectDto, type GrantSummaryDto, grantEffectQuery, grantsQuery } from "./api.ts";

const route = getRouteApi("/_app/lakarbemanning/riktade-bidrag");

type Measure = GrantEffectDto["measures"][number];
type Cell = Measure["grant"]["before"];

export function GrantEffectPage() {
  const { t } = useTranslation();
  const search = route.useSearch();
  const navigate = route.useNavigate();
  return (
    <Page title={t("staffing.grants.title")}>
      <Text maw={760} mb="md">
        {t("staffing.grants.intro")}
      </Text>
      <RegionScope
        requested={search.region}
        onRegionChange={(region) => void navigate({ search: { region } })}
      >
        {({ region }) => <Grants key={region.code} region={region.code} />}
      </RegionScope>
    </Page>
  );
}

function Grants({ region }: { region: string }) {
  const { t } = useTranslation();
  const grants = useQuery(grantsQuery(region));
  const [chosen, setChosen] = useState<string | null>(null);
  if (grants.isPending) return <LoadingState label={t("staffing.loading")} />;
  if (grants.isError)
    return (
      <LoadError
        title={t("staffing.loadFailed")}
        error={grants.error}
        onRetry={() => void grants.refetch()}
      />
    );
  if (grants.data.length === 0) return <Text>{t("staffing.grants.noGrants")}</Text>;
  const component = chosen ?? grants.data[0]?.componentId ?? "";
  const grant = grants.data.find((g) => g.componentId === component);
  return (
    <Stack gap="lg">
      {grants.data.length > 1 && (
        <NativeSelect
          label={t("staffing.grants.component")}
          value={component}
          data={grants.data.map((g) => ({ value: g.componentId, label: g.label }))}
          onChange={(e) => setChosen(e.currentTarget.value)}
          maw={480}
        />
      )}
      {grant && <GrantUnits grant={grant} />}
      <Effect region={region} component={component} />
    </Stack>
  );
}

function GrantUnits({ grant }: { grant: GrantSummaryDto }) {
  const { t, i18n } = useTranslation();
  const language = i18n.resolvedLanguage === "en" ? "en" : "sv";
  return (
    <section aria-labelledby="grant-units-heading">
      <Title order={2} id="grant-units-heading" mb="xs">
        {grant.label}
      </Title>
      <Table striped>
        <Table.Caption>{t("staffing.grants.units")}</Table.Caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t("staffing.columns.unit")}</Table.Th>
            <Table.Th scope="col">{t("staffing.grants.period")}</Table.Th>
            <Table.Th scope="col">{t("staffing.grants.annualAmount")}</Table.Th>
            <Table.Th scope="col">{t("staffing.grants.paid")}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {grant.grants.map((g) => (
            <Table.Tr key={`${g.unit}-${g.from}`}>
              <Table.Th scope="row">{g.unitName ?? g.unit}</Table.Th>
              <Table.Td>
                {formatMonth(g.from, language)} – {formatMonth(g.to, language)}
              </Table.Td>
              <Table.Td>{formatKronorText(g.annualAmount, language)}</Table.Td>
              <Table.Td>{formatOre(g.paidToDateOre, { language })}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </section>
  );
}

function cellText(measure: string, cell: Cell, language: string, withheld: string): string {
  if (cell.value === null && cell.numerator === null) return withheld;
  const value =
    cell.value === null
      ? NO_FIGURE
      : measure === "listedPerGp"
        ? formatDecimal(cell.value, language, 1)
        : formatRate(cell.value, language);
  const count = (x: number | string | null) =>
    x === null
      ? NO_FIGURE
      : typeof x === "number"
        ? formatCount(x, language)
        : formatDecimal(Number(x), language, 2);
  return `${value} (${count(cell.numerator)} / ${count(cell.denominator)})`;
}

function didText(measure: string, did: number | null, language: string): string {
  if (did === null) return NO_FIGURE;
  const sign = did > 0 ? "+" : did < 0 ? "−" : "±";
  const magnitude = Math.abs(did);
  return measure === "listedPerGp"
    ? `${sign}${formatDecimal(magnitude, language, 1)}`
    : `${sign}${formatDecimal(magnitude * 100, language, 2)} ${language === "en" ? "pp" : "procentenheter"}`;
}

function Effect({ region, component }: { region: string; component: string }) {
  const { t, i18n } = useTranslation();
  const language = i18n.resolvedLanguage ?? "sv";
  const effect = useQuery(grantEffectQuery(region, component));
  if (effect.isPending) return <LoadingState label={t("staffing.loading")} />;
  if (effect.isError)
    return (
      <LoadError
        title={t("staffing.loadFailed")}
        error={effect.error}
        onRetry={() => void effect.refetch()}
      />
    );
  const e = effect.data;
  const span = (s: GrantEffectDto["before"]) =>
    s === null
      ? t("staffing.grants.noPeriod")
      : `${formatMonth(s.from, language)} – ${formatMonth(s.to, language)}`;
  const withheld = t("staffing.grants.withheld");
  return (
    <section aria-labelledby="grant-effect-heading">
      <Title order={2} id="grant-effect-heading" mb="xs">
        {t("staffing.grants.did")}
      </Title>
      <Text data-testid="grant-periods">
        {t("staffing.grants.periods", {
          before: span(e.before),
          during: span(e.during),
          monthsBefore: e.monthsBefore,
          monthsDuring: e.monthsDuring,
        })}
      </Text>
      <Text mb="sm" data-testid="grant-comparison">
        {t("staffing.grants.comparison", { count: e.comparisonUnits })}
      </Text>
      <Table.ScrollContainer minWidth={900}>
        <Table striped>
          <Table.Caption>{t("staffing.grants.measuresCaption")}</Table.Caption>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t("staffing.grants.measure")}</Table.Th>
              <Table.Th scope="col">{t("staffing.grants.grantBefore")}</Table.Th>
              <Table.Th scope="col">{t("staffing.grants.grantDuring")}</Table.Th>
              <Table.Th scope="col">{t("staffing.grants.comparisonBefore")}</Table.Th>
              <Table.Th scope="col">{t("staffing.grants.comparisonDuring")}</Table.Th>
              <Table.Th scope="col">{t("staffing.grants.did")}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {e.measures.map((m) => (
              <Table.Tr key={m.measure}>
                <Table.Th scope="row">
                  {t(`staffing.grants.measures.${m.measure as "skrPhoneRate"}`, { defaultValue: m.measure })}
                </Table.Th>
                <Table.Td>{cellText(m.measure, m.grant.before, language, withheld)}</Table.Td>
                <Table.Td>{cellText(m.measure, m.grant.during, language, withheld)}</Table.Td>
                <Table.Td>{cellText(m.measure, m.comparison.before, language, withheld)}</Table.Td>
                <Table.Td>{cellText(m.measure, m.comparison.during, language, withheld)}</Table.Td>
                <Table.Td>{didText(m.measure, m.did, language)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </section>
  );
}
