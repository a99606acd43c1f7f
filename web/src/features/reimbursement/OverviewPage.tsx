import { Alert, Button, Group, NativeSelect, Stack, Table, Text, TextInput, Title } from "@mantine/core";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { getRouteApi, useNavigate } from "@tanstack/react-router";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { errorMessage } from "../../api/error-message.ts";
import type { Region } from "../../api/types.ts";
import { useCurrentUser } from "../auth/session.ts";
import { Page } from "../shell/Page.tsx";
import { LoadError, LoadingState } from "../shell/QueryStates.tsx";
import { AnchorLink } from "./AnchorLink.tsx";
import { type ModelSummary, modelLabel, modelsQuery, runsQuery, startRun } from "./api.ts";
import { LockedBadge, RunStatusBadge } from "./Badges.tsx";
import { ModelUpload } from "./ModelUpload.tsx";
import { formatOre } from "./money.ts";
import { formatMonth, isMonth, previousMonth, validityText } from "./months.ts";
import { RegionChoice } from "./RegionChoice.tsx";
import { ReimbursementNav } from "./ReimbursementNav.tsx";
import { useMoneyLanguage } from "./useMoneyLanguage.ts";

const route = getRouteApi("/_app/ersattning");

/** /ersattning: the region's models and runs; a region admin also uploads models and starts runs. */
export function OverviewPage() {
  const { t } = useTranslation();
  const search = route.useSearch();
  const navigate = route.useNavigate();
  return (
    <Page title={t("reimbursement.title")}>
      <ReimbursementNav />
      <RegionChoice requested={search.region} onChange={(region) => void navigate({ search: { region } })}>
        {(region) => <RegionOverview key={region.code} region={region} />}
      </RegionChoice>
    </Page>
  );
}

function RegionOverview({ region }: { region: Region }) {
  const { t } = useTranslation();
  const user = useCurrentUser();
  const mayChange = user.role === "region_admin";
  const models = useQuery(modelsQuery(region.code));
  return (
    <Stack gap="xl">
      {user.role === "committee" ? <Text maw={760}>{t("reimbursement.readOnlyNote")}</Text> : null}
      <section aria-labelledby="runs-heading">
        <Title order={2} id="runs-heading" mb="sm">
          {t("reimbursement.runs.title")}
        </Title>
        {mayChange ? <NewRunForm region={region} models={models.data ?? []} /> : null}
        <RunsTable region={region} />
      </section>
      <section aria-labelledby="models-heading">
        <Title order={2} id="models-heading" mb="sm">
          {t("reimbursement.models.title")}
        </Title>
        {models.isPending ? (
          <LoadingState label={t("reimbursement.models.loading")} />
        ) : models.isError ? (
          <LoadError
            title={t("reimbursement.models.loadFailed")}
            error={models.error}
            onRetry={() => void models.refetch()}
          />
        ) : (
          <ModelsTable region={region} models={models.data} />
        )}
        {mayChange ? (
          <div style={{ marginTop: "var(--mantine-spacing-lg)" }}>
            <ModelUpload region={region.code} />
          </div>
        ) : null}
      </section>
    </Stack>
  );
}

function ModelsTable({ region, models }: { region: Region; models: readonly ModelSummary[] }) {
  const { t } = useTranslation();
  const openEnded = (from: string) => t("reimbursement.models.openEnded", { from });
  return (
    <Table.ScrollContainer minWidth={720}>
      <Table striped captionSide="top" verticalSpacing="sm">
        <Table.Caption>{t("reimbursement.models.caption", { region: region.name })}</Table.Caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t("reimbursement.models.columns.model")}</Table.Th>
            <Table.Th scope="col">{t("reimbursement.models.columns.version")}</Table.Th>
            <Table.Th scope="col">{t("reimbursement.models.columns.validity")}</Table.Th>
            <Table.Th scope="col">{t("reimbursement.models.columns.purpose")}</Table.Th>
            <Table.Th scope="col">{t("reimbursement.models.columns.components")}</Table.Th>
            <Table.Th scope="col">{t("reimbursement.models.columns.status")}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {models.length === 0 ? (
            <Table.Tr>
              <Table.Td colSpan={6}>{t("reimbursement.models.none")}</Table.Td>
            </Table.Tr>
          ) : (
            models.map((model) => (
              <Table.Tr key={model.id}>
                <Table.Th scope="row" fw={400}>
                  <AnchorLink to="/ersattning/modeller/$modelId" params={{ modelId: String(model.id) }}>
                    {model.name}
                  </AnchorLink>
                  <Text fz="sm" c="dimmed">
                    {model.modelId}
                  </Text>
                </Table.Th>
                <Table.Td>{model.version}</Table.Td>
                <Table.Td>{validityText(model.validFrom, model.validTo, openEnded)}</Table.Td>
                <Table.Td>{t(`reimbursement.models.purposes.${model.purpose}`)}</Table.Td>
                <Table.Td>{model.components}</Table.Td>
                <Table.Td>
                  <LockedBadge locked={model.locked} />
                </Table.Td>
              </Table.Tr>
            ))
          )}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

function NewRunForm({ region, models }: { region: Region; models: readonly ModelSummary[] }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const [month, setMonth] = useState(() => previousMonth(new Date()));
  const [modelId, setModelId] = useState("");
  const [touched, setTouched] = useState(false);
  const run = useMutation({
    mutationFn: () =>
      startRun({
        region: region.code,
        month,
        ...(modelId === "" ? {} : { modelId: Number(modelId) }),
      }),
    onSuccess: async (created) => {
      await queryClient.invalidateQueries({ queryKey: ["reimbursement"] });
      await navigate({ to: "/ersattning/korningar/$runId", params: { runId: String(created.id) } });
    },
  });
  const monthError = touched && !isMonth(month) ? t("reimbursement.runs.monthInvalid") : null;
  const paymentModels = models.filter((model) => model.purpose === "payment");

  return (
    <Stack
      component="form"
      gap="sm"
      mb="lg"
      aria-label={t("reimbursement.runs.newRun")}
      onSubmit={(event) => {
        event.preventDefault();
        setTouched(true);
        if (isMonth(month)) run.mutate();
      }}
    >
      <Group align="flex-end" gap="md" wrap="wrap">
        <TextInput
          type="month"
          label={t("reimbursement.month")}
          description={t("reimbursement.monthHint")}
          placeholder="2026-03"
          value={month}
          onChange={(event) => setMonth(event.currentTarget.value)}
          onBlur={() => setTouched(true)}
          error={monthError}
          required
          w={200}
        />
        <NativeSelect
          label={t("reimbursement.runs.model")}
          value={modelId}
          data={[
            { value: "", label: t("reimbursement.runs.modelForMonth") },
            ...paymentModels.map((model) => ({ value: String(model.id), label: modelLabel(model) })),
          ]}
          onChange={(event) => setModelId(event.currentTarget.value)}
          w={{ base: "100%", sm: 420 }}
        />
        <Button type="submit" loading={run.isPending}>
          {t("reimbursement.runs.run")}
        </Button>
      </Group>
      {run.isError ? (
        <Alert color="red" variant="outline" role="alert" title={t("reimbursement.runs.runFailed")}>
          {errorMessage(run.error, t)}
        </Alert>
      ) : null}
    </Stack>
  );
}

function RunsTable({ region }: { region: Region }) {
  const { t, i18n } = useTranslation();
  const language = useMoneyLanguage();
  const runs = useQuery(runsQuery(region.code));
  if (runs.isPending) return <LoadingState label={t("reimbursement.runs.loading")} />;
  if (runs.isError) {
    return (
      <LoadError
        title={t("reimbursement.runs.loadFailed")}
        error={runs.error}
        onRetry={() => void runs.refetch()}
      />
    );
  }
  const dateTime = new Intl.DateTimeFormat(i18n.resolvedLanguage, {
    dateStyle: "medium",
    timeStyle: "short",
    timeZone: "Europe/Stockholm",
  });
  return (
    <Table.ScrollContainer minWidth={820}>
      <Table striped highlightOnHover captionSide="top" verticalSpacing="sm">
        <Table.Caption>{t("reimbursement.runs.caption", { region: region.name })}</Table.Caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t("reimbursement.runs.columns.month")}</Table.Th>
            <Table.Th scope="col">{t("reimbursement.runs.columns.model")}</Table.Th>
            <Table.Th scope="col">{t("reimbursement.runs.columns.status")}</Table.Th>
            <Table.Th scope="col" ta="right">
              {t("reimbursement.runs.columns.total")}
            </Table.Th>
            <Table.Th scope="col">{t("reimbursement.runs.columns.created")}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {runs.data.length === 0 ? (
            <Table.Tr>
              <Table.Td colSpan={5}>{t("reimbursement.runs.none")}</Table.Td>
            </Table.Tr>
          ) : (
            runs.data.map((run) => (
              <Table.Tr key={run.id}>
                <Table.Th scope="row" fw={400}>
                  <AnchorLink to="/ersattning/korningar/$runId" params={{ runId: String(run.id) }}>
                    {t("reimbursement.runs.runOf", {
                      month: formatMonth(run.month, i18n.resolvedLanguage ?? "sv"),
                    })}
                  </AnchorLink>
                </Table.Th>
                <Table.Td>{`${run.modelId} v${run.modelVersion}`}</Table.Td>
                <Table.Td>
                  <RunStatusBadge status={run.status} />
                </Table.Td>
                <Table.Td ta="right" style={{ whiteSpace: "nowrap" }}>
                  {formatOre(run.totalOre, { language })}
                </Table.Td>
                <Table.Td>
                  {t("reimbursement.runs.createdBy", {
                    at: dateTime.format(new Date(run.createdAt)),
                    by: run.createdBy,
                  })}
                </Table.Td>
              </Table.Tr>
            ))
          )}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
