import { Table, Text } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { Page } from "../shell/Page.tsx";
import { LoadError, LoadingState } from "../shell/QueryStates.tsx";
import { type IntakeAbuseReport, intakeAbuseQuery } from "./api.ts";

/**
 * `/kontaktskydd`: what the public intake held back in the region, per day — honeypot hits (robot forms,
 * not stored) and receipts over the daily allowance per phone or identity number. Counts only.
 */
export function IntakeAbusePage() {
  const { t } = useTranslation();
  const report = useQuery(intakeAbuseQuery);
  return (
    <Page title={t("security.abuse.title")}>
      <Text mb="md" maw={760}>
        {t("security.abuse.intro")}
      </Text>
      {report.isPending ? (
        <LoadingState label={t("security.abuse.loading")} />
      ) : report.isError ? (
        <LoadError
          title={t("security.abuse.loadFailed")}
          error={report.error}
          onRetry={() => void report.refetch()}
        />
      ) : (
        <AbuseTable report={report.data} />
      )}
    </Page>
  );
}

function AbuseTable({ report }: { report: IntakeAbuseReport }) {
  const { t, i18n } = useTranslation();
  const number = new Intl.NumberFormat(i18n.resolvedLanguage === "en" ? "en-GB" : "sv-SE");
  return (
    <Table maw={900} striped captionSide="top">
      <Table.Caption>{t("security.abuse.caption", { from: report.from, to: report.to })}</Table.Caption>
      <Table.Thead>
        <Table.Tr>
          <Table.Th scope="col">{t("security.abuse.day")}</Table.Th>
          <Table.Th scope="col">{t("security.abuse.honeypot")}</Table.Th>
          <Table.Th scope="col">{t("security.abuse.phoneLimit")}</Table.Th>
          <Table.Th scope="col">{t("security.abuse.identityLimit")}</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {report.days.length === 0 ? (
          <Table.Tr>
            <Table.Td colSpan={4}>{t("security.abuse.none")}</Table.Td>
          </Table.Tr>
        ) : (
          report.days.map((day) => (
            <Table.Tr key={day.day}>
              <Table.Th scope="row">{day.day}</Table.Th>
              <Table.Td>{number.format(day.honeypot)}</Table.Td>
              <Table.Td>{number.format(day.phoneLimit)}</Table.Td>
              <Table.Td>{number.format(day.identityLimit)}</Table.Td>
            </Table.Tr>
          ))
        )}
      </Table.Tbody>
      {report.days.length > 0 && (
        <Table.Tfoot>
          <Table.Tr>
            <Table.Th scope="row">{t("security.abuse.total")}</Table.Th>
            <Table.Td>{number.format(report.totals.honeypot)}</Table.Td>
            <Table.Td>{number.format(report.totals.phoneLimit)}</Table.Td>
            <Table.Td>{number.format(report.totals.identityLimit)}</Table.Td>
          </Table.Tr>
        </Table.Tfoot>
      )}
    </Table>
  );
}
