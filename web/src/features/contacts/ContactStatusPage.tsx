import { Alert, Button, Group, List, Paper, Stack, Text, Title } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { getRouteApi, Link } from "@tanstack/react-router";
import { useTranslation } from "react-i18next";
import { isApiError } from "../../api/client.ts";
import { Page } from "../shell/Page.tsx";
import { LoadError, LoadingState } from "../shell/QueryStates.tsx";
import { type ContactStatus, contactStatusQuery } from "./api.ts";
import { promiseText } from "./contact-form.ts";
import { eventLabelKey, outcomeLabelKey, STATUS_STEPS, stepState } from "./status.ts";
import { formatDay, formatTime, stockholmDate } from "./time.ts";

const statusRoute = getRouteApi("/kontakt/status/$token");

/** The resident's private page for one contact (`/kontakt/status/<token>`): where it stands, and the outcome. */
export function ContactStatusPage() {
  const { t } = useTranslation();
  const { token } = statusRoute.useParams();
  const status = useQuery(contactStatusQuery(token));

  return (
    <Page title={t("contact.status.title")} size={640}>
      {status.isPending ? (
        <LoadingState label={t("contact.status.loading")} />
      ) : status.isError ? (
        isApiError(status.error) && status.error.status === 404 ? (
          <Alert color="red" variant="outline" title={t("contact.status.notFoundTitle")}>
            <Text mb="sm">{t("contact.status.notFound")}</Text>
            <Link to="/kontakt">{t("contact.status.newContact")}</Link>
          </Alert>
        ) : (
          <LoadError
            title={t("contact.status.loadFailed")}
            error={status.error}
            onRetry={() => void status.refetch()}
          />
        )
      ) : (
        <StatusDetails
          status={status.data}
          refreshing={status.isFetching}
          updatedAt={status.dataUpdatedAt}
          onRefresh={() => void status.refetch()}
        />
      )}
    </Page>
  );
}

function StatusDetails(props: {
  status: ContactStatus;
  refreshing: boolean;
  updatedAt: number;
  onRefresh: () => void;
}) {
  const { status } = props;
  const { t, i18n } = useTranslation();
  const language = i18n.resolvedLanguage ?? "sv";
  const outcomeKey = outcomeLabelKey(status.outcome);

  return (
    <Stack gap="md">
      <Text fz="lg">{t("contact.status.unit", { unit: status.unitName })}</Text>
      <Paper withBorder p="md" radius="md">
        <Title order={2} fz="h4" mb="xs">
          {t("contact.status.now")}
        </Title>
        <Text fz="xl" fw={700} data-testid="contact-state">
          {t(`contact.state.${status.state}`)}
        </Text>
        {status.state !== "closed" && <Text mt="xs">{promiseText(status, t, language)}</Text>}
      </Paper>

      {status.state === "closed" && (outcomeKey || status.outcomeText) && (
        <Paper withBorder p="md" radius="md">
          <Title order={2} fz="h4" mb="xs">
            {t("contact.status.outcomeTitle")}
          </Title>
          <Text fz="lg" fw={700} data-testid="contact-outcome">
            {/* The server's wording is Swedish; other languages use their own label for the same outcome. */}
            {language === "sv" && status.outcomeText
              ? status.outcomeText
              : outcomeKey
                ? t(outcomeKey)
                : status.outcomeText}
          </Text>
          {status.bookedVisitAt && (
            <Text mt="xs">
              {t("contact.status.bookedVisit", {
                day: formatDay(stockholmDate(status.bookedVisitAt), language),
                time: formatTime(status.bookedVisitAt, language),
              })}
            </Text>
          )}
        </Paper>
      )}

      <Title order={2} fz="h4">
        {t("contact.status.stepsTitle")}
      </Title>
      <List type="ordered" spacing="xs">
        {STATUS_STEPS.map((step) => {
          const state = stepState(step, status.state);
          return (
            <List.Item key={step} aria-current={state === "current" ? "step" : undefined}>
              <Text span fw={state === "current" ? 700 : 400}>
                {t(`contact.steps.${step}`)}
              </Text>{" "}
              <Text span size="sm">
                ({t(`contact.stepState.${state}`)})
              </Text>
            </List.Item>
          );
        })}
      </List>

      {status.events.length > 0 && (
        <>
          <Title order={2} fz="h4">
            {t("contact.status.eventsTitle")}
          </Title>
          <List spacing="xs">
            {status.events.map((event, index) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: events only ever append; two may share a time.
              <List.Item key={`${event.at}-${index}`}>
                <Text span fw={600}>
                  {formatTime(event.at, language)}
                </Text>{" "}
                {t(eventLabelKey(event.kind))}
              </List.Item>
            ))}
          </List>
        </>
      )}

      <Group gap="sm" align="center">
        <Button variant="outline" onClick={props.onRefresh} loading={props.refreshing}>
          {t("contact.status.refresh")}
        </Button>
        <Text size="sm">
          {t("contact.status.updatedAt", {
            time: formatTime(new Date(props.updatedAt).toISOString(), language),
          })}
        </Text>
      </Group>
      <Text size="sm">{t("contact.status.privateLink")}</Text>
    </Stack>
  );
}
