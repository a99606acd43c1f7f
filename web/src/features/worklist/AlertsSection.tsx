import { Badge, Button, Group, Paper, Stack, Text, Title } from "@mantine/core";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import { errorMessage } from "../../api/error-message.ts";
import { LoadError } from "../shell/QueryStates.tsx";
import {
  ALERTS_KEY,
  acknowledgeAlert,
  alertClock,
  alertSuggestion,
  alertsQuery,
  type StaffAlert,
  sortAlerts,
} from "./alerts.ts";

/** A symbol and words for each kind, as in the worklist's flags: the colour only repeats them (WCAG 1.4.1). */
const KIND_LOOK: Record<StaffAlert["kind"], { symbol: string; color: string }> = {
  missed: { symbol: "✕", color: "red.9" },
  at_risk: { symbol: "⚠", color: "#8a3500" },
};

/**
 * "Larm": the deadline sweep's open alerts for the units the user manages (a unit manager) or the region
 * (a region admin), most urgent first, each acknowledged with one button. The list refreshes with the
 * worklist's live stream (its key is under the worklist's) and every minute while the page is visible.
 */
export function AlertsSection() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const alerts = useQuery(alertsQuery());
  const [announcement, setAnnouncement] = useState("");
  const open = useMemo(() => (alerts.data ? sortAlerts(alerts.data.alerts) : []), [alerts.data]);
  const acknowledge = useMutation({
    mutationFn: (alert: StaffAlert) => acknowledgeAlert(alert.id),
    onSuccess: (_answer, alert) => {
      // Gone at once, not after the refetch: an acknowledged alert needs nothing more.
      queryClient.setQueryData<{ alerts: StaffAlert[] }>(ALERTS_KEY, (previous) =>
        previous ? { alerts: previous.alerts.filter((a) => a.id !== alert.id) } : previous,
      );
      setAnnouncement(t("worklist.alerts.acknowledged", { unit: alert.unit.name }));
      void queryClient.invalidateQueries({ queryKey: ALERTS_KEY });
    },
  });

  return (
    <section aria-labelledby="worklist-alerts-heading">
      <Title order={2} size="h3" id="worklist-alerts-heading" mb="xs">
        {t("worklist.alerts.heading")}
      </Title>
      <Text role="status" size="sm" fw={600}>
        {announcement}
      </Text>
      {acknowledge.isError && (
        <Text role="alert" c="red.9" size="sm" mb="xs">
          {`${t("worklist.alerts.acknowledgeFailed")}: ${errorMessage(acknowledge.error, t)}`}
        </Text>
      )}
      {alerts.isPending ? (
        <Text size="sm" mb="md">
          {t("worklist.alerts.loading")}
        </Text>
      ) : alerts.isError ? (
        <LoadError
          title={t("worklist.alerts.loadFailed")}
          error={alerts.error}
          onRetry={() => void alerts.refetch()}
        />
      ) : open.length === 0 ? (
        <Text size="sm" mb="md">
          {t("worklist.alerts.none")}
        </Text>
      ) : (
        <Stack component="ul" aria-label={t("worklist.alerts.listLabel")} gap="xs" p={0} mb="md">
          {open.map((alert) => (
            <AlertItem
              key={alert.id}
              alert={alert}
              busy={acknowledge.isPending && acknowledge.variables?.id === alert.id}
              onAcknowledge={() => acknowledge.mutate(alert)}
            />
          ))}
        </Stack>
      )}
    </section>
  );
}

function AlertItem({
  alert,
  busy,
  onAcknowledge,
}: {
  alert: StaffAlert;
  busy: boolean;
  onAcknowledge: () => void;
}) {
  const { t, i18n } = useTranslation();
  const language = i18n.resolvedLanguage ?? "sv";
  const now = new Date().toISOString();
  const look = KIND_LOOK[alert.kind];
  const kind = t(`worklist.alerts.kind.${alert.kind}`);
  const suggestion = alertSuggestion(alert);
  const clockText = (what: "deadline" | "raised", at: { day: string | null; time: string }) =>
    at.day === null
      ? t(`worklist.alerts.${what}`, { time: at.time })
      : t(`worklist.alerts.${what}On`, { day: at.day, time: at.time });
  return (
    <Paper component="li" withBorder p="sm" style={{ listStyle: "none" }} data-alert-kind={alert.kind}>
      <Group justify="space-between" align="flex-start" wrap="wrap" gap="sm">
        <Stack gap={2} style={{ flex: "1 1 320px" }}>
          <Group gap="xs" wrap="wrap">
            <Badge
              color={look.color}
              variant="filled"
              radius="sm"
              tt="none"
              leftSection={<span aria-hidden="true">{look.symbol}</span>}
            >
              {t(`worklist.alerts.kindShort.${alert.kind}`)}
            </Badge>
            <Text fw={700}>{alert.unit.name}</Text>
          </Group>
          <Text size="sm">{kind}</Text>
          <Text size="sm">
            {alert.deadline
              ? clockText("deadline", alertClock(alert.deadline, now, language))
              : t("worklist.alerts.noDeadline")}
            {` · ${clockText("raised", alertClock(alert.createdAt, now, language))}`}
          </Text>
          <Text size="sm">{t(`worklist.alerts.${suggestion.key}`, suggestion.values)}</Text>
        </Stack>
        <Button
          size="sm"
          variant="outline"
          loading={busy}
          onClick={onAcknowledge}
          aria-label={t("worklist.alerts.acknowledgeLabel", {
            unit: alert.unit.name,
            kind: t(`worklist.alerts.kindShort.${alert.kind}`),
          })}
        >
          {t("worklist.alerts.acknowledge")}
        </Button>
      </Group>
    </Paper>
  );
}
