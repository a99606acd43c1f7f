import { Alert, Anchor, Button, Code, Group, List, Modal, Stack, Text, Title } from "@mantine/core";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { getRouteApi } from "@tanstack/react-router";
import { useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import { errorMessage } from "../../api/error-message.ts";
import { ACCESSIBLE_COLORS } from "../../app/theme.ts";
import { useCurrentUser } from "../auth/session.ts";
import { Page } from "../shell/Page.tsx";
import { LoadError, LoadingState } from "../shell/QueryStates.tsx";
import { unitsQuery } from "../units/api.ts";
import { AnchorLink } from "./AnchorLink.tsx";
import { approveRun, exportUrl, type RunDetail, type RunWarning, runQuery, specificationUrl } from "./api.ts";
import { RunStatusBadge } from "./Badges.tsx";
import { MoneyTable } from "./MoneyTable.tsx";
import { formatOre, parseOre } from "./money.ts";
import { formatMonth, idParam } from "./months.ts";
import { ReimbursementNav } from "./ReimbursementNav.tsx";
import { type RunMatrix, runMatrix } from "./tables.ts";
import { useMoneyLanguage } from "./useMoneyLanguage.ts";

const route = getRouteApi("/_app/ersattning/korningar/$runId");

/** One run: the result per unit and component, approval, and the specification and Excel downloads. */
export function RunPage() {
  const { t } = useTranslation();
  const { runId } = route.useParams();
  const id = idParam(runId);
  const run = useQuery({ ...runQuery(id ?? 0), enabled: id !== null });
  const title = t("reimbursement.run.titleLoading");

  if (id === null) {
    return (
      <Page title={title}>
        <Text>{t("errors.not_found")}</Text>
      </Page>
    );
  }
  if (run.isPending) {
    return (
      <Page title={title}>
        <LoadingState label={t("reimbursement.run.loading")} />
      </Page>
    );
  }
  if (run.isError) {
    return (
      <Page title={title}>
        <LoadError
          title={t("reimbursement.run.loadFailed")}
          error={run.error}
          onRetry={() => void run.refetch()}
        />
      </Page>
    );
  }
  return <RunView run={run.data} />;
}

function RunView({ run }: { run: RunDetail }) {
  const { t, i18n } = useTranslation();
  const user = useCurrentUser();
  const language = useMoneyLanguage();
  const units = useQuery(unitsQuery(run.regionCode));
  const matrix = useMemo(
    () => runMatrix(run.result, new Map((units.data ?? []).map((unit) => [unit.hsaId, unit.name]))),
    [run.result, units.data],
  );
  const month = formatMonth(run.month, i18n.resolvedLanguage ?? "sv");
  const dateTime = new Intl.DateTimeFormat(i18n.resolvedLanguage, {
    dateStyle: "medium",
    timeStyle: "short",
    timeZone: "Europe/Stockholm",
  });
  const warnings = run.result.warnings ?? [];
  // The engine's warnings are English sentences for logs; the known ones are worded here in the UI language.
  const warningText = (warning: RunWarning): string => {
    if (!isKnownWarning(warning.code)) return warning.message;
    const label =
      matrix.columns.find((c) => c.component === warning.component)?.label ?? warning.component ?? "";
    const unit = matrix.rows.find((r) => r.hsaId === warning.hsaId)?.unitName ?? warning.hsaId ?? "";
    return t(`reimbursement.run.warningCodes.${warning.code}`, { component: label, unit });
  };

  return (
    <Page title={t("reimbursement.run.title", { month })}>
      <ReimbursementNav />
      <Stack gap="lg">
        <section aria-label={t("reimbursement.run.facts")}>
          <Group gap="md" mb="xs">
            <RunStatusBadge status={run.status} />
            <Text>{t("reimbursement.run.model", { modelId: run.modelId, version: run.modelVersion })}</Text>
            <Text fw={700}>
              {t("reimbursement.run.total", { total: formatOre(run.totalOre, { language }) })}
            </Text>
          </Group>
          <Text fz="sm">
            {t("reimbursement.run.created", {
              at: dateTime.format(new Date(run.createdAt)),
              by: run.createdBy,
            })}
            {run.approvedAt
              ? ` ${t("reimbursement.run.approvedAt", { at: dateTime.format(new Date(run.approvedAt)) })}`
              : ""}
          </Text>
          <Text fz="sm">
            {t("reimbursement.run.inputsHash")}{" "}
            <Code style={{ wordBreak: "break-all" }}>{run.inputsSha256}</Code>
          </Text>
          <Text fz="sm" c="dimmed">
            {run.status === "approved" ? t("reimbursement.run.lockedText") : t("reimbursement.run.draftText")}
          </Text>
        </section>

        <Group gap="md">
          {user.role === "region_admin" && run.status === "draft" ? (
            <ApproveButton run={run} month={month} />
          ) : null}
          <Button component="a" variant="default" href={exportUrl(run.id)} download>
            {t("reimbursement.run.excel")}
          </Button>
        </Group>

        {warnings.length > 0 || run.notes.length > 0 ? (
          <Alert color={ACCESSIBLE_COLORS.orange} variant="outline" title={t("reimbursement.run.warnings")}>
            <List size="sm">
              {warnings.map((warning) => (
                <List.Item key={`${warning.code}:${warning.component ?? ""}:${warning.hsaId ?? ""}`}>
                  {warningText(warning)}
                </List.Item>
              ))}
              {run.notes.map((note) => (
                <List.Item key={note}>{note}</List.Item>
              ))}
            </List>
          </Alert>
        ) : null}

        <section aria-labelledby="run-result-heading">
          <Title order={2} id="run-result-heading" mb="sm">
            {t("reimbursement.run.resultTitle")}
          </Title>
          <ResultTable runId={run.id} matrix={matrix} month={month} />
        </section>
        <AnchorLink to="/ersattning">{t("reimbursement.backToOverview")}</AnchorLink>
      </Stack>
    </Page>
  );
}

function ApproveButton({ run, month }: { run: RunDetail; month: string }) {
  const { t } = useTranslation();
  const language = useMoneyLanguage();
  const queryClient = useQueryClient();
  const [open, setOpen] = useState(false);
  const approve = useMutation({
    mutationFn: () => approveRun(run.id),
    onSuccess: async () => {
      setOpen(false);
      // The runs list is not on screen now; refetch it too, so going back never shows the run as a draft.
      await queryClient.invalidateQueries({ queryKey: ["reimbursement"], refetchType: "all" });
    },
  });
  return (
    <>
      <Button onClick={() => setOpen(true)}>{t("reimbursement.run.approve")}</Button>
      <Modal
        opened={open}
        onClose={() => {
          setOpen(false);
          approve.reset();
        }}
        title={t("reimbursement.run.confirmTitle")}
        closeButtonProps={{ "aria-label": t("reimbursement.close") }}
        centered
      >
        <Text mb="md">
          {t("reimbursement.run.confirmText", { month, total: formatOre(run.totalOre, { language }) })}
        </Text>
        {approve.isError ? (
          <Alert
            color="red"
            variant="outline"
            role="alert"
            mb="md"
            title={t("reimbursement.run.approveFailed")}
          >
            {errorMessage(approve.error, t)}
          </Alert>
        ) : null}
        <Group justify="flex-end">
          <Button variant="default" onClick={() => setOpen(false)}>
            {t("reimbursement.cancel")}
          </Button>
          <Button onClick={() => approve.mutate()} loading={approve.isPending}>
            {t("reimbursement.run.approve")}
          </Button>
        </Group>
      </Modal>
    </>
  );
}

const KNOWN_WARNINGS = [
  "ages_without_weight",
  "per_event_budget_overrun",
  "pool_unallocated",
  "grant_unit_missing",
  "unknown_snapshot_field",
] as const;

function isKnownWarning(code: string): code is (typeof KNOWN_WARNINGS)[number] {
  return (KNOWN_WARNINGS as readonly string[]).includes(code);
}

function ResultTable({ runId, matrix, month }: { runId: number; matrix: RunMatrix; month: string }) {
  const { t } = useTranslation();
  const footer = [
    {
      label: t("reimbursement.total"),
      amounts: matrix.componentTotals,
      totalOre: matrix.totalOre,
      bold: true,
    },
    ...(parseOre(matrix.unallocatedTotalOre) !== 0n
      ? [
          {
            label: t("reimbursement.run.unallocated"),
            amounts: matrix.unallocated,
            totalOre: matrix.unallocatedTotalOre,
          },
        ]
      : []),
  ];
  return (
    <MoneyTable
      caption={t("reimbursement.run.caption", { month })}
      columns={matrix.columns}
      rows={matrix.rows}
      footer={footer}
      extra={{
        header: t("reimbursement.run.specification"),
        cell: (row) => (
          <Anchor
            href={specificationUrl(runId, row.hsaId)}
            aria-label={t("reimbursement.run.specificationFor", { unit: row.unitName })}
            download
          >
            {t("reimbursement.run.pdf")}
          </Anchor>
        ),
      }}
    />
  );
}
