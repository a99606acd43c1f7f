import {
  Card,
  Group,
  NativeSelect,
  SimpleGrid,
  Stack,
  Table,
  Text,
  Title,
  VisuallyHidden,
} from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { getRouteApi } from "@tanstack/react-router";
import { useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import { useCurrentUser } from "../auth/session.ts";
import { AnchorLink } from "../reimbursement/AnchorLink.tsx";
import { Page } from "../shell/Page.tsx";
import { LoadError, LoadingState } from "../shell/QueryStates.tsx";
import { EChart } from "../stats/EChart.tsx";
import { formatCount, formatMonth, formatRate } from "../stats/format.ts";
import { RegionScope } from "../stats/RegionScope.tsx";
import { type DashboardResponse, dashboardQuery, quarterlyReportUrl } from "./api.ts";
import { RATE_KEYS, ratesOption } from "./chart-options.ts";
import { formatDecimalText, formatOreAsKronor } from "./format.ts";
import { PromiseFigures } from "./PromiseParts.tsx";
import { lastCompleteQuarter, quartersBack } from "./periods.ts";

const route = getRouteApi("/_app/oversikt");

/** The committee's start page (region admins see it too). Every tile links to its page. */
export function DashboardPage() {
  const { t } = useTranslation();
  const search = route.useSearch();
  const navigate = route.useNavigate();
  return (
    <Page title={t("committee.dashboardTitle")}>
      <Text mb="md">{t("committee.dashboardIntro")}</Text>
      <RegionScope
        requested={search.region}
        onRegionChange={(region) => void navigate({ search: { region } })}
      >
        {({ region }) => <Dashboard region={region.code} />}
      </RegionScope>
    </Page>
  );
}

function Dashboard({ region }: { region: string }) {
  const { t } = useTranslation();
  const answer = useQuery(dashboardQuery(region));
  if (answer.isPending) return <LoadingState label={t("committee.loading")} />;
  if (answer.isError)
    return (
      <LoadError
        title={t("committee.loadFailed")}
        error={answer.error}
        onRetry={() => void answer.refetch()}
      />
    );
  const data = answer.data;
  return (
    <Stack gap="lg">
      <PromisesTile data={data} />
      <AccessibilityTile data={data} />
      <RankingTile data={data} />
      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="lg">
        <StaffingTile data={data} />
        <TransfersTile data={data} />
        <ListingTile data={data} />
        <ReportTile data={data} />
      </SimpleGrid>
      <MoneyTile data={data} />
    </Stack>
  );
}

function Tile({ id, title, children }: { id: string; title: string; children: React.ReactNode }) {
  return (
    <Card withBorder component="section" aria-labelledby={id} padding="md">
      <Title order={2} size="h3" id={id} mb="xs">
        {title}
      </Title>
      {children}
    </Card>
  );
}

function Missing() {
  const { t } = useTranslation();
  return (
    <>
      <Text fw={600}>{t("committee.missing")}</Text>
      <Text size="sm" c="dimmed">
        {t("committee.missingHelp")}
      </Text>
    </>
  );
}

function PromisesTile({ data }: { data: DashboardResponse }) {
  const { t } = useTranslation();
  return (
    <Tile id="tile-promises" title={t("committee.promisesTitle")}>
      <Stack gap="sm" component="ul" style={{ listStyle: "none", padding: 0, margin: 0 }}>
        {data.promises.map((promise) => (
          <li key={promise.key}>
            <Text fw={600}>{promise.text}</Text>
            <PromiseFigures promise={promise} />
          </li>
        ))}
      </Stack>
      <AnchorLink to="/loften" search={{ region: data.region }} mt="sm" display="inline-block">
        {t("committee.promisesLink")}
      </AnchorLink>
    </Tile>
  );
}

function AccessibilityTile({ data }: { data: DashboardResponse }) {
  const { t, i18n } = useTranslation();
  const language = i18n.resolvedLanguage ?? "sv";
  const months = data.accessibility.months;
  const year = Number(data.today.slice(0, 4));
  const referenceRow =
    data.accessibility.reference.find((r) => r.year === year) ?? data.accessibility.reference.at(-1);
  const reference = referenceRow?.nationalPhoneRate ?? null;
  const goal = referenceRow?.goal ?? null;
  const option = useMemo(
    () =>
      ratesOption(
        months,
        reference === null ? null : reference * 100,
        {
          names: {
            phone: t("committee.measures.phone"),
            resident: t("committee.measures.resident"),
            feedback: t("committee.measures.feedback"),
            assessment: t("committee.measures.assessment"),
          },
          reference: t("committee.measures.reference"),
          goal: t("committee.measures.goal"),
          month: (m) => formatMonth(m, language, "short"),
          percent: (v) => formatRate(v / 100, language),
        },
        goal === null ? null : goal * 100,
      ),
    [months, reference, goal, t, language],
  );
  const latest = [...months].reverse().find((m) => !m.preliminary);
  const aria = t("committee.accessibilityAria", {
    first: formatMonth(months[0]?.month ?? data.today.slice(0, 7), language),
    last: formatMonth(months.at(-1)?.month ?? data.today.slice(0, 7), language),
    month: latest ? formatMonth(latest.month, language) : "–",
    phone: formatRate(latest?.phone.rate, language),
    resident: formatRate(latest?.resident.rate, language),
    feedback: formatRate(latest?.feedback.rate, language),
    assessment: formatRate(latest?.assessment.rate, language),
  });
  return (
    <Tile id="tile-accessibility" title={t("committee.accessibilityTitle")}>
      <EChart option={option} ariaLabel={aria} height={320} />
      <VisuallyHidden>
        <Table>
          <Table.Caption>{t("committee.accessibilityCaption")}</Table.Caption>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t("committee.month")}</Table.Th>
              {RATE_KEYS.map((key) => (
                <Table.Th scope="col" key={key}>
                  {t(`committee.measures.${key}`)}
                </Table.Th>
              ))}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {months.map((m) => (
              <Table.Tr key={m.month}>
                <Table.Th scope="row">
                  {formatMonth(m.month, language)}
                  {m.preliminary ? ` (${t("committee.preliminary")})` : ""}
                </Table.Th>
                {RATE_KEYS.map((key) => (
                  <Table.Td key={key}>{formatRate(m[key].rate, language)}</Table.Td>
                ))}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </VisuallyHidden>
      <AnchorLink to="/tillganglighet" search={{ region: data.region }}>
        {t("committee.accessibilityLink")}
      </AnchorLink>
    </Tile>
  );
}

function RankingTile({ data }: { data: DashboardResponse }) {
  const { t, i18n } = useTranslation();
  const language = i18n.resolvedLanguage ?? "sv";
  const rate = (f: { rate: number | null; suppressed: boolean }) =>
    f.suppressed ? t("committee.suppressed") : formatRate(f.rate, language);
  return (
    <Tile id="tile-ranking" title={t("committee.rankingTitle")}>
      <Table.ScrollContainer minWidth={500}>
        <Table>
          <Table.Caption>
            {t("committee.rankingCaption", { month: formatMonth(data.ranking.month, language) })}
          </Table.Caption>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t("committee.unit")}</Table.Th>
              <Table.Th scope="col">{t("committee.measures.phone")}</Table.Th>
              <Table.Th scope="col">{t("committee.measures.resident")}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {data.ranking.units.map((u) => (
              <Table.Tr key={u.hsaId}>
                <Table.Th scope="row">{u.name}</Table.Th>
                <Table.Td>{rate(u.phone)}</Table.Td>
                <Table.Td>{rate(u.resident)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      <AnchorLink to="/karta" search={{ region: data.region }}>
        {t("committee.mapLink")}
      </AnchorLink>
    </Tile>
  );
}

function StaffingTile({ data }: { data: DashboardResponse }) {
  const { t, i18n } = useTranslation();
  const language = i18n.resolvedLanguage ?? "sv";
  const staffing = data.staffing;
  return (
    <Tile id="tile-staffing" title={t("committee.staffingTitle")}>
      {staffing.available ? (
        <>
          <Text>
            {t("committee.listedPerGp")}: {formatDecimalText(staffing.listedPerGp, language)} (
            {t("committee.staffingGoal", { goal: formatCount(staffing.goal, language) })})
          </Text>
          <Text>
            {t("committee.shortfall")}: {formatDecimalText(staffing.shortfallFte, language)}
          </Text>
        </>
      ) : (
        <Missing />
      )}
      <AnchorLink to="/karta" search={{ region: data.region }}>
        {t("committee.mapLink")}
      </AnchorLink>
    </Tile>
  );
}

function TransfersTile({ data }: { data: DashboardResponse }) {
  const { t, i18n } = useTranslation();
  const language = i18n.resolvedLanguage ?? "sv";
  const transfers = data.transfers;
  return (
    <Tile id="tile-transfers" title={t("committee.transfersTitle")}>
      {transfers.available ? (
        <Text>
          {t("committee.gap", { year: transfers.year, value: formatOreAsKronor(transfers.gapOre, language) })}
        </Text>
      ) : (
        <Missing />
      )}
    </Tile>
  );
}

function ListingTile({ data }: { data: DashboardResponse }) {
  const { t, i18n } = useTranslation();
  const language = i18n.resolvedLanguage ?? "sv";
  const listing = data.listing;
  return (
    <Tile id="tile-listing" title={t("committee.listingTitle")}>
      {listing.month === null ? (
        <Missing />
      ) : (
        <Table>
          <Table.Caption>
            {t("committee.listingCaption", { month: formatMonth(listing.month, language) })}
          </Table.Caption>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t("committee.ownershipColumn")}</Table.Th>
              <Table.Th scope="col">{t("committee.units")}</Table.Th>
              <Table.Th scope="col">{t("committee.listed")}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {listing.byOwnership.map((o) => (
              <Table.Tr key={o.ownership}>
                <Table.Th scope="row">{t(`committee.ownership.${o.ownership}`)}</Table.Th>
                <Table.Td>{formatCount(o.units, language)}</Table.Td>
                <Table.Td>{formatCount(o.listed, language)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      <AnchorLink to="/enheter" search={{ region: data.region }}>
        {t("nav.units")}
      </AnchorLink>
    </Tile>
  );
}

function ReportTile({ data }: { data: DashboardResponse }) {
  const { t, i18n } = useTranslation();
  const quarters = quartersBack(lastCompleteQuarter(data.today), 8);
  const [quarter, setQuarter] = useState(quarters[0] ?? "");
  return (
    <Tile id="tile-report" title={t("committee.reportTitle")}>
      <Group align="end">
        <NativeSelect
          label={t("committee.reportQuarter")}
          value={quarter}
          data={quarters}
          onChange={(event) => setQuarter(event.currentTarget.value)}
        />
        <a href={quarterlyReportUrl(data.region, quarter, i18n.resolvedLanguage ?? "sv")} download>
          {t("committee.reportDownload")}
        </a>
      </Group>
    </Tile>
  );
}

function MoneyTile({ data }: { data: DashboardResponse }) {
  const { t, i18n } = useTranslation();
  const language = i18n.resolvedLanguage ?? "sv";
  const user = useCurrentUser();
  const money = data.money;
  return (
    <Tile id="tile-money" title={t("committee.moneyTitle", { year: money.year })}>
      {money.months.length === 0 && <Text mb="xs">{t("committee.moneyNoRuns")}</Text>}
      {money.components.length > 0 && (
        <Table.ScrollContainer minWidth={600}>
          <Table>
            <Table.Caption>{t("committee.moneyCaption")}</Table.Caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t("committee.component")}</Table.Th>
                <Table.Th scope="col">{t("committee.budget")}</Table.Th>
                <Table.Th scope="col">{t("committee.yearToDate")}</Table.Th>
                <Table.Th scope="col">{t("committee.projection")}</Table.Th>
                <Table.Th scope="col">{t("committee.share")}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {money.components.map((c) => (
                <Table.Tr key={c.component}>
                  <Table.Th scope="row">{c.label}</Table.Th>
                  <Table.Td>{formatOreAsKronor(c.annualOre, language)}</Table.Td>
                  <Table.Td>{formatOreAsKronor(c.yearToDateOre, language)}</Table.Td>
                  <Table.Td>{formatOreAsKronor(c.projectedOre, language)}</Table.Td>
                  <Table.Td>{c.share === null ? "–" : formatRate(Number(c.share), language)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {user.role !== "committee" && (
        <AnchorLink to="/ersattning/uppfoljning" search={{ region: data.region }}>
          {t("committee.followUpLink")}
        </AnchorLink>
      )}
    </Tile>
  );
}
