import {
  Alert,
  Button,
  Group,
  NativeSelect,
  NumberInput,
  Stack,
  Text,
  TextInput,
  Title,
} from "@mantine/core";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { getRouteApi } from "@tanstack/react-router";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { errorMessage } from "../../api/error-message.ts";
import type { Unit } from "../../api/types.ts";
import { useCurrentUser } from "../auth/session.ts";
import { Page } from "../shell/Page.tsx";
import { LoadError, LoadingState } from "../shell/QueryStates.tsx";
import { unitsQuery } from "../units/api.ts";
import { saveUnitReport, type UnitReportView, unitReportQuery } from "./api.ts";
import { formatMonth, isMonth, previousMonth } from "./months.ts";
import { ReimbursementNav } from "./ReimbursementNav.tsx";
import { sortRows } from "./tables.ts";

const route = getRouteApi("/_app/ersattning/rapportering");

/**
 * /ersattning/rapportering: a unit manager reports, per unit and month, the identified multimorbid
 * patients and the home-care visits that the goal-based and per-visit components pay for.
 */
export function ReportingPage() {
  const { t, i18n } = useTranslation();
  const user = useCurrentUser();
  const search = route.useSearch();
  const navigate = route.useNavigate();
  const units = useQuery({ ...unitsQuery(user.regionCode ?? ""), enabled: user.regionCode !== null });
  const [monthText, setMonthText] = useState(search.month ?? previousMonth(new Date()));
  const month = search.month ?? previousMonth(new Date());

  const body = () => {
    if (user.regionCode === null) return <Text>{t("units.noRegions")}</Text>;
    if (units.isPending) return <LoadingState label={t("units.loading")} />;
    if (units.isError) {
      return (
        <LoadError title={t("units.loadFailed")} error={units.error} onRetry={() => void units.refetch()} />
      );
    }
    // A unit manager reports for their own units; the administration for any reporting unit of the region.
    const reportable = sortRows(
      units.data.filter((unit: Unit) =>
        user.role === "unit_manager" ? user.unitHsaIds.includes(unit.hsaId) : unit.type !== "backup",
      ),
      (unit) => unit.name,
      "asc",
    );
    if (reportable.length === 0) return <Text>{t("reimbursement.reporting.noUnits")}</Text>;
    const unit = reportable.find((u) => u.hsaId === search.unit) ?? reportable[0];
    if (unit === undefined) return null;
    return (
      <Stack gap="lg" maw={640}>
        <Group align="flex-end" gap="md" wrap="wrap">
          <NativeSelect
            label={t("reimbursement.reporting.unit")}
            value={unit.hsaId}
            data={reportable.map((u) => ({ value: u.hsaId, label: u.name }))}
            onChange={(event) =>
              void navigate({ search: (prev) => ({ ...prev, unit: event.currentTarget.value }) })
            }
            w={{ base: "100%", sm: 320 }}
          />
          <TextInput
            type="month"
            label={t("reimbursement.month")}
            description={t("reimbursement.monthHint")}
            value={monthText}
            onChange={(event) => {
              const value = event.currentTarget.value;
              setMonthText(value);
              if (isMonth(value)) void navigate({ search: (prev) => ({ ...prev, month: value }) });
            }}
            error={isMonth(monthText) ? null : t("reimbursement.runs.monthInvalid")}
            w={200}
          />
        </Group>
        <ReportForm
          key={`${unit.hsaId}:${month}`}
          unit={unit}
          month={month}
          monthLabel={formatMonth(month, i18n.resolvedLanguage ?? "sv")}
        />
      </Stack>
    );
  };

  return (
    <Page title={t("reimbursement.reporting.title")}>
      <ReimbursementNav />
      <Text mb="md" maw={720}>
        {t("reimbursement.reporting.intro")}
      </Text>
      {body()}
    </Page>
  );
}

function ReportForm({ unit, month, monthLabel }: { unit: Unit; month: string; monthLabel: string }) {
  const { t } = useTranslation();
  const report = useQuery(unitReportQuery(unit.hsaId, month));
  if (report.isPending) return <LoadingState label={t("reimbursement.reporting.loading")} />;
  if (report.isError) {
    return (
      <LoadError
        title={t("reimbursement.reporting.loadFailed")}
        error={report.error}
        onRetry={() => void report.refetch()}
      />
    );
  }
  return <ReportFields unit={unit} month={month} monthLabel={monthLabel} report={report.data} />;
}

function toCount(value: string | number): number | null {
  if (value === "" || value === null) return null;
  const number = typeof value === "number" ? value : Number(value);
  return Number.isSafeInteger(number) && number >= 0 ? number : null;
}

interface ReportFieldsProps {
  unit: Unit;
  month: string;
  monthLabel: string;
  report: UnitReportView;
}

function ReportFields({ unit, month, monthLabel, report }: ReportFieldsProps) {
  const { t, i18n } = useTranslation();
  const queryClient = useQueryClient();
  const [multimorbid, setMultimorbid] = useState<string | number>(report.multimorbidIdentified ?? "");
  const [homeVisits, setHomeVisits] = useState<string | number>(report.homeVisits ?? "");
  const save = useMutation({
    mutationFn: () =>
      saveUnitReport(unit.hsaId, month, {
        multimorbidIdentified: toCount(multimorbid),
        homeVisits: toCount(homeVisits),
      }),
    onSuccess: (saved) => {
      queryClient.setQueryData(unitReportQuery(unit.hsaId, month).queryKey, saved);
    },
  });
  const dateTime = new Intl.DateTimeFormat(i18n.resolvedLanguage, {
    dateStyle: "medium",
    timeStyle: "short",
    timeZone: "Europe/Stockholm",
  });

  return (
    <Stack
      component="form"
      gap="md"
      aria-labelledby="unit-report-heading"
      onSubmit={(event) => {
        event.preventDefault();
        save.mutate();
      }}
    >
      <Title order={2} fz="h4" id="unit-report-heading">
        {t("reimbursement.reporting.formLabel", { unit: unit.name, month: monthLabel })}
      </Title>
      {report.locked ? (
        <Alert color="blue" variant="outline" title={t("reimbursement.reporting.lockedTitle")}>
          {t("reimbursement.reporting.lockedText")}
        </Alert>
      ) : null}
      <NumberInput
        label={t("reimbursement.reporting.multimorbid")}
        description={t("reimbursement.reporting.multimorbidHint")}
        value={multimorbid}
        onChange={(value) => {
          setMultimorbid(value);
          save.reset();
        }}
        min={0}
        allowDecimal={false}
        allowNegative={false}
        disabled={report.locked}
        w={{ base: "100%", sm: 320 }}
      />
      <NumberInput
        label={t("reimbursement.reporting.homeVisits")}
        description={t("reimbursement.reporting.homeVisitsHint")}
        value={homeVisits}
        onChange={(value) => {
          setHomeVisits(value);
          save.reset();
        }}
        min={0}
        allowDecimal={false}
        allowNegative={false}
        disabled={report.locked}
        w={{ base: "100%", sm: 320 }}
      />
      <Group>
        <Button type="submit" loading={save.isPending} disabled={report.locked}>
          {t("reimbursement.reporting.save")}
        </Button>
      </Group>
      <div role="status" aria-live="polite">
        {save.isSuccess ? <Text fw={700}>{t("reimbursement.reporting.saved")}</Text> : null}
        {!save.isSuccess && report.updatedAt !== null ? (
          <Text fz="sm" c="dimmed">
            {t("reimbursement.reporting.lastSaved", {
              at: dateTime.format(new Date(report.updatedAt)),
              by: report.updatedBy ?? "",
            })}
          </Text>
        ) : null}
      </div>
      {save.isError ? (
        <Alert color="red" variant="outline" role="alert" title={t("reimbursement.reporting.saveFailed")}>
          {errorMessage(save.error, t)}
        </Alert>
      ) : null}
    </Stack>
  );
}
