import {
  Alert,
  Badge,
  Button,
  Fieldset,
  Group,
  NativeSelect,
  NumberInput,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
  VisuallyHidden,
} from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { getRouteApi } from "@tanstack/react-router";
import { useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import type { Region, Unit } from "../../api/types.ts";
import { ACCESSIBLE_COLORS } from "../../app/theme.ts";
import { useCurrentUser } from "../auth/session.ts";
import { LoadError, LoadingState } from "../shell/QueryStates.tsx";
import { forecastQuery } from "./api.ts";
import { buildForecastOption } from "./chart-options.ts";
import { EChart } from "./EChart.tsx";
import { byRiskThenName } from "./forecast.ts";
import { formatCount, formatDecimal, formatLongDate, formatRate, isDate, nextDay } from "./format.ts";
import { RegionScopedPage } from "./RegionScope.tsx";
import { chosenUnit, type ForecastSearch, scopedToOwnUnits, unitChoices } from "./search.ts";
import type { ForecastAnswer, ForecastUnit, Risk } from "./types.ts";

const route = getRouteApi("/_app/prognos");

// Each keeps 4.5:1: green text on white (outline), white on dark orange and on red 9 (filled).
const RISK_COLORS: Record<Risk, string> = {
  low: ACCESSIBLE_COLORS.green,
  medium: ACCESSIBLE_COLORS.orange,
  high: "red.9",
};

export function ForecastPage() {
  const { t } = useTranslation();
  const search = route.useSearch();
  const navigate = route.useNavigate();
  return (
    <RegionScopedPage
      title={t("stats.forecast.title")}
      intro={t("stats.forecast.intro")}
      requested={search.region}
      onRegionChange={(region) => void navigate({ search: { region } })}
    >
      {({ region, units, today }) => (
        <ForecastView key={region.code} region={region} units={units} today={today} search={search} />
      )}
    </RegionScopedPage>
  );
}

function ForecastView({
  region,
  units,
  today,
  search,
}: {
  region: Region;
  units: Unit[];
  today: string;
  search: ForecastSearch;
}) {
  const { t, i18n } = useTranslation();
  const language = i18n.resolvedLanguage ?? "sv";
  const user = useCurrentUser();
  const navigate = route.useNavigate();
  const choices = useMemo(() => unitChoices(units, user), [units, user]);
  const unit = chosenUnit(search.unit, choices, user.role);
  const date = search.date ?? nextDay(today);
  // Without a handle time in the address each unit's own configured time applies (the server's default).
  const handleMinutes = search.handle ?? null;
  const [handleDraft, setHandleDraft] = useState<number | string>(handleMinutes ?? "");
  const forecast = useQuery(forecastQuery({ region: region.code, date, unit, handleMinutes }));
  const update = (change: Partial<ForecastSearch>) =>
    void navigate({ search: (previous) => ({ ...previous, region: region.code, ...change }) });

  return (
    <Stack gap="lg">
      <form
        onSubmit={(event) => {
          event.preventDefault();
          if (handleDraft === "") return update({ handle: undefined });
          const value = Number(handleDraft);
          if (Number.isInteger(value) && value >= 1 && value <= 60) update({ handle: value });
        }}
      >
        <Fieldset legend={t("stats.forecast.filters")} maw={960}>
          <Group align="flex-end" gap="md" wrap="wrap">
            <TextInput
              type="date"
              label={t("stats.forecast.date")}
              value={date}
              required
              onChange={(event) => {
                // A cleared or half-typed date changes nothing; tomorrow stays the default.
                const value = event.currentTarget.value;
                if (isDate(value)) update({ date: value });
              }}
              w={180}
            />
            <NativeSelect
              label={t("stats.forecast.unit")}
              value={unit ?? ""}
              data={[
                ...(scopedToOwnUnits(user.role) ? [] : [{ value: "", label: t("stats.wholeRegion") }]),
                ...choices.map((u) => ({ value: u.hsaId, label: u.name })),
              ]}
              onChange={(event) => {
                const value = event.currentTarget.value;
                update({ unit: value === "" ? undefined : value });
              }}
              miw={260}
            />
            <NumberInput
              label={t("stats.forecast.handleMinutes")}
              description={t("stats.forecast.handleMinutesHint")}
              value={handleDraft}
              onChange={setHandleDraft}
              min={1}
              max={60}
              step={1}
              allowDecimal={false}
              w={220}
            />
            <Button type="submit" variant="outline">
              {t("stats.forecast.recompute")}
            </Button>
          </Group>
        </Fieldset>
      </form>
      <Text fz="lg">
        {t("stats.forecast.forDate", { date: formatLongDate(forecast.data?.date ?? date, language) })}
      </Text>
      {forecast.isPending ? (
        <LoadingState label={t("stats.forecast.loading")} />
      ) : forecast.isError ? (
        <LoadError
          title={t("stats.forecast.loadFailed")}
          error={forecast.error}
          onRetry={() => void forecast.refetch()}
        />
      ) : (
        <ForecastResult answer={forecast.data} handleMinutes={handleMinutes} />
      )}
    </Stack>
  );
}

function ForecastResult({ answer, handleMinutes }: { answer: ForecastAnswer; handleMinutes: number | null }) {
  const { t, i18n } = useTranslation();
  const language = i18n.resolvedLanguage ?? "sv";
  const units = byRiskThenName(answer.units);
  const [shown, setShown] = useState<string | null>(units.length === 1 ? (units[0]?.hsaId ?? null) : null);
  const shownUnit = units.find((unit) => unit.hsaId === shown) ?? null;
  const { mape, weeks } = answer.backtest;
  return (
    <>
      <Alert color="blue" variant="outline" title={t("stats.forecast.backtestTitle")}>
        {mape === null
          ? t("stats.forecast.backtestNone")
          : t("stats.forecast.backtest", {
              mape: formatRate(mape, language),
              weeks: formatCount(weeks, language),
            })}
      </Alert>
      {units.length === 0 ? (
        <Text>{t("stats.forecast.noUnits")}</Text>
      ) : (
        <Table.ScrollContainer minWidth={880}>
          <Table striped highlightOnHover captionSide="top" verticalSpacing="sm">
            <Table.Caption>
              {handleMinutes === null
                ? t("stats.forecast.captionOwn")
                : t("stats.forecast.caption", { minutes: formatCount(handleMinutes, language) })}
            </Table.Caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t("stats.forecast.columns.unit")}</Table.Th>
                <Table.Th scope="col">{t("stats.forecast.columns.expected")}</Table.Th>
                <Table.Th scope="col">{t("stats.forecast.columns.handleMinutes")}</Table.Th>
                <Table.Th scope="col">{t("stats.forecast.columns.nurseHours")}</Table.Th>
                <Table.Th scope="col">{t("stats.forecast.columns.capacity")}</Table.Th>
                <Table.Th scope="col">{t("stats.forecast.columns.risk")}</Table.Th>
                <Table.Th scope="col">{t("stats.forecast.columns.byHour")}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {units.map((unit) => (
                <Table.Tr key={unit.hsaId}>
                  <Table.Th scope="row" fw={600}>
                    {unit.name}
                  </Table.Th>
                  <Table.Td>{formatDecimal(unit.expectedContacts, language, 0)}</Table.Td>
                  <Table.Td>{formatDecimal(unit.handleMinutes ?? handleMinutes, language, 1)}</Table.Td>
                  <Table.Td>{formatDecimal(unit.nurseHoursNeeded, language, 1)}</Table.Td>
                  <Table.Td>{formatCount(unit.capacityContacts, language)}</Table.Td>
                  <Table.Td>
                    <RiskBadge risk={unit.risk} />
                  </Table.Td>
                  <Table.Td>
                    <Button
                      size="xs"
                      variant={shown === unit.hsaId ? "filled" : "outline"}
                      aria-pressed={shown === unit.hsaId}
                      onClick={() => setShown(shown === unit.hsaId ? null : unit.hsaId)}
                    >
                      {t("stats.forecast.showHours")}
                      <VisuallyHidden>{`, ${unit.name}`}</VisuallyHidden>
                    </Button>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {shownUnit && <HourChart unit={shownUnit} />}
    </>
  );
}

/** The risk in words as well as colour (WCAG 1.4.1): a short badge, then what it means. */
function RiskBadge({ risk }: { risk: Risk }) {
  const { t } = useTranslation();
  return (
    <>
      <Badge color={RISK_COLORS[risk]} variant={risk === "low" ? "outline" : "filled"} size="lg" tt="none">
        {t(`stats.forecast.riskShort.${risk}`)}
      </Badge>
      <Text size="xs" mt={4}>
        {t(`stats.forecast.risk.${risk}`)}
      </Text>
    </>
  );
}

function HourChart({ unit }: { unit: ForecastUnit }) {
  const { t, i18n } = useTranslation();
  const language = i18n.resolvedLanguage ?? "sv";
  const option = useMemo(
    () =>
      buildForecastOption(unit.byHour, {
        series: t("stats.forecast.expectedSeries"),
        count: (value) => formatDecimal(value, language, 1),
      }),
    [unit, t, language],
  );
  const peak = [...unit.byHour].sort((a, b) => b.expected - a.expected)[0];
  const summary = peak
    ? t("stats.forecast.hourAria", {
        unit: unit.name,
        total: formatDecimal(unit.expectedContacts, language, 0),
        hour: String(peak.hour).padStart(2, "0"),
        peak: formatDecimal(peak.expected, language, 1),
      })
    : t("stats.forecast.hourAriaEmpty", { unit: unit.name });
  return (
    <section aria-labelledby="forecast-hours-heading">
      <Title order={2} id="forecast-hours-heading" mb="sm">
        {t("stats.forecast.byHourTitle", { unit: unit.name })}
      </Title>
      <EChart option={option} ariaLabel={summary} height={300} />
      <VisuallyHidden>
        <Table>
          <Table.Caption>{t("stats.forecast.byHourTitle", { unit: unit.name })}</Table.Caption>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t("stats.hour")}</Table.Th>
              <Table.Th scope="col">{t("stats.forecast.expectedSeries")}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {[...unit.byHour]
              .sort((a, b) => a.hour - b.hour)
              .map((point) => (
                <Table.Tr key={point.hour}>
                  <Table.Th scope="row">{String(point.hour).padStart(2, "0")}</Table.Th>
                  <Table.Td>{formatDecimal(point.expected, language, 1)}</Table.Td>
                </Table.Tr>
              ))}
          </Table.Tbody>
        </Table>
      </VisuallyHidden>
    </section>
  );
}
