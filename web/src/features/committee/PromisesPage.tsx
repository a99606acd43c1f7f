import { Anchor, Card, Stack, Table, Text, Title } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { getRouteApi } from "@tanstack/react-router";
import { useTranslation } from "react-i18next";
import { Page } from "../shell/Page.tsx";
import { LoadError, LoadingState } from "../shell/QueryStates.tsx";
import { formatLongDate } from "../stats/format.ts";
import { RegionScope } from "../stats/RegionScope.tsx";
import { type PromiseView, promisesQuery } from "./api.ts";
import { formatPeriod, formatPromiseValue } from "./format.ts";
import { PromiseFigures } from "./PromiseParts.tsx";

const route = getRouteApi("/_app/loften");

/** Every promise with its source, target, status, trend and figures period by period; then the questions. */
export function PromisesPage() {
  const { t } = useTranslation();
  const search = route.useSearch();
  const navigate = route.useNavigate();
  return (
    <Page title={t("committee.promisePageTitle")}>
      <Text mb="md">{t("committee.promisePageIntro")}</Text>
      <RegionScope
        requested={search.region}
        onRegionChange={(region) => void navigate({ search: { region } })}
      >
        {({ region }) => <Promises region={region.code} />}
      </RegionScope>
    </Page>
  );
}

function Promises({ region }: { region: string }) {
  const { t } = useTranslation();
  const answer = useQuery(promisesQuery(region));
  if (answer.isPending) return <LoadingState label={t("committee.loading")} />;
  if (answer.isError)
    return (
      <LoadError
        title={t("committee.loadFailed")}
        error={answer.error}
        onRetry={() => void answer.refetch()}
      />
    );
  return (
    <Stack gap="lg">
      {answer.data.promises.map((promise) => (
        <PromiseCard key={promise.key} promise={promise} region={region} />
      ))}
      {answer.data.questions.length > 0 && (
        <section aria-labelledby="questions-heading">
          <Title order={2} id="questions-heading" mb="xs">
            {t("committee.questionsTitle")}
          </Title>
          <ol>
            {answer.data.questions.map((q) => (
              <li key={q.number}>
                <Text>{q.text}</Text>
                <Text size="sm" c="dimmed">
                  {q.source}
                </Text>
              </li>
            ))}
          </ol>
        </section>
      )}
    </Stack>
  );
}

function PromiseCard({ promise, region }: { promise: PromiseView; region: string }) {
  const { t, i18n } = useTranslation();
  const language = i18n.resolvedLanguage ?? "sv";
  const headingId = `promise-${promise.key}`;
  return (
    <Card withBorder component="section" aria-labelledby={headingId} id={promise.key}>
      <Title order={2} size="h3" id={headingId} mb="xs">
        {promise.text}
      </Title>
      <Text size="sm" mb="xs">
        {t("committee.source", { source: promise.source })} ·{" "}
        {t("committee.since", { date: formatLongDate(promise.startDate, language) })}
      </Text>
      <PromiseFigures promise={promise} />
      {promise.series.length > 0 && (
        <Table.ScrollContainer minWidth={300} mt="sm">
          <Table>
            <Table.Caption>{t("committee.seriesCaption", { text: promise.text })}</Table.Caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t("committee.period")}</Table.Th>
                <Table.Th scope="col">{t("committee.value")}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {promise.series.map((point) => (
                <Table.Tr key={point.period}>
                  <Table.Th scope="row">
                    {formatPeriod(point.period, language)}
                    {point.preliminary ? ` (${t("committee.preliminary")})` : ""}
                  </Table.Th>
                  <Table.Td>{formatPromiseValue(point.value, promise.unit, language)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      <Anchor href={`${promise.link}?region=${region}`} mt="xs" display="inline-block">
        {t("committee.showMeasure")}
      </Anchor>
    </Card>
  );
}
