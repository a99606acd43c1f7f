import { Modal, ScrollArea, Table, Text } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { LoadError, LoadingState } from "../shell/QueryStates.tsx";
import { type TransferView, transferHistoryQuery } from "./api.ts";
import { FORM_FIELDS, type FormField } from "./form.ts";

interface HistoryModalProps {
  region: string;
  transfer: TransferView;
  onClose: () => void;
}

/** Every version of a transfer, newest first: who, when, from where, and which fields changed how. */
export function HistoryModal({ region, transfer, onClose }: HistoryModalProps) {
  const { t, i18n } = useTranslation();
  const history = useQuery(transferHistoryQuery(region, transfer.id));
  const dateTime = new Intl.DateTimeFormat(i18n.resolvedLanguage, {
    dateStyle: "medium",
    timeStyle: "short",
    timeZone: "Europe/Stockholm",
  });
  const fieldLabel = (field: string) =>
    (FORM_FIELDS as readonly string[]).includes(field) ? t(`transfers.form.${field as FormField}`) : field;

  const body = () => {
    if (history.isPending) return <LoadingState label={t("transfers.historyLoading")} />;
    if (history.isError)
      return (
        <LoadError
          title={t("transfers.historyFailed")}
          error={history.error}
          onRetry={() => void history.refetch()}
        />
      );
    return (
      <ScrollArea type="auto">
        <Table striped withTableBorder>
          <Table.Caption>{t("transfers.historyCaption", { title: transfer.title })}</Table.Caption>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t("transfers.historyColumns.version")}</Table.Th>
              <Table.Th scope="col">{t("transfers.historyColumns.at")}</Table.Th>
              <Table.Th scope="col">{t("transfers.historyColumns.by")}</Table.Th>
              <Table.Th scope="col">{t("transfers.historyColumns.source")}</Table.Th>
              <Table.Th scope="col">{t("transfers.historyColumns.changes")}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {history.data.versions.map((version) => (
              <Table.Tr key={version.version}>
                <Table.Th scope="row">{version.version}</Table.Th>
                <Table.Td style={{ whiteSpace: "nowrap" }}>{dateTime.format(new Date(version.at))}</Table.Td>
                <Table.Td>{version.by}</Table.Td>
                <Table.Td>{t(`transfers.sources.${version.source}`)}</Table.Td>
                <Table.Td>
                  {version.version === 1 ? (
                    <Text fz="sm">{t("transfers.created")}</Text>
                  ) : version.changes.length === 0 ? (
                    <Text fz="sm">{t("transfers.noChanges")}</Text>
                  ) : (
                    <ul style={{ margin: 0, paddingInlineStart: "1.2em" }}>
                      {version.changes.map((change) => (
                        <li key={change.field}>
                          {t("transfers.change", {
                            field: fieldLabel(change.field),
                            before: change.before ?? t("transfers.empty"),
                            after: change.after ?? t("transfers.empty"),
                          })}
                        </li>
                      ))}
                    </ul>
                  )}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </ScrollArea>
    );
  };

  return (
    <Modal
      opened
      onClose={onClose}
      closeButtonProps={{ "aria-label": t("transfers.close") }}
      title={t("transfers.historyFor", { title: transfer.title })}
      size="xl"
    >
      {body()}
    </Modal>
  );
}
