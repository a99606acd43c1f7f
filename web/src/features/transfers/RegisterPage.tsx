import { Button, Group, NativeSelect, ScrollArea, Table, Text } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { getRouteApi } from "@tanstack/react-router";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import type { Region } from "../../api/types.ts";
import { useCurrentUser } from "../auth/session.ts";
import { formatKronorText } from "../reimbursement/money.ts";
import { RegionChoice } from "../reimbursement/RegionChoice.tsx";
import { SortableHeader } from "../reimbursement/SortableHeader.tsx";
import { useMoneyLanguage } from "../reimbursement/useMoneyLanguage.ts";
import { Page } from "../shell/Page.tsx";
import { LoadError, LoadingState } from "../shell/QueryStates.tsx";
import { TRANSFER_STATUSES, type TransferStatus, type TransferView, transferListQuery } from "./api.ts";
import { HistoryModal } from "./HistoryModal.tsx";
import { filterTransfers, type RegisterColumn, registerYears, sortTransfers } from "./register.ts";
import { TransferFormModal } from "./TransferFormModal.tsx";
import { TransfersNav } from "./TransfersNav.tsx";

const route = getRouteApi("/_app/uppgiftsvaxling");

/** /uppgiftsvaxling: the register of tasks moved from slutenvården, with each transfer's history. */
export function RegisterPage() {
  const { t } = useTranslation();
  const search = route.useSearch();
  const navigate = route.useNavigate();
  return (
    <Page title={t("transfers.title")}>
      <TransfersNav />
      <Text mb="md" maw={760}>
        {t("transfers.intro")}
      </Text>
      <RegionChoice
        requested={search.region}
        onChange={(code) => void navigate({ search: (prev) => ({ ...prev, region: code }) })}
      >
        {(region) => <Register region={region} />}
      </RegionChoice>
    </Page>
  );
}

type Dialog =
  | { kind: "history"; transfer: TransferView }
  | { kind: "edit"; transfer: TransferView | null }
  | null;

function Register({ region }: { region: Region }) {
  const { t, i18n } = useTranslation();
  const language = useMoneyLanguage();
  const user = useCurrentUser();
  const search = route.useSearch();
  const navigate = route.useNavigate();
  const list = useQuery(transferListQuery(region.code));
  const [sort, setSort] = useState<{ column: RegisterColumn; direction: "asc" | "desc" }>({
    column: "from",
    direction: "asc",
  });
  const [dialog, setDialog] = useState<Dialog>(null);
  const [message, setMessage] = useState<string | null>(null);
  const keeper = user.role === "region_admin" || user.role === "system_admin";

  if (list.isPending) return <LoadingState label={t("transfers.loading")} />;
  if (list.isError)
    return (
      <LoadError title={t("transfers.loadFailed")} error={list.error} onRetry={() => void list.refetch()} />
    );

  const thisYear = new Date().getFullYear();
  const rows = sortTransfers(
    filterTransfers(list.data.transfers, { status: search.status, year: search.year }),
    sort.column,
    sort.direction,
    i18n.resolvedLanguage ?? "sv",
  );
  const onSort = (column: RegisterColumn) =>
    setSort((prev) => ({
      column,
      direction: prev.column === column && prev.direction === "asc" ? "desc" : "asc",
    }));
  const headerLabel = (key: keyof typeof COLUMN_KEYS) => t(`transfers.columns.${key}`);

  return (
    <>
      <Group align="flex-end" gap="md" mb="md" wrap="wrap">
        <NativeSelect
          label={t("transfers.status")}
          value={search.status ?? ""}
          data={[
            { value: "", label: t("transfers.allStatuses") },
            ...TRANSFER_STATUSES.map((s) => ({ value: s, label: t(`transfers.statuses.${s}`) })),
          ]}
          onChange={(event) => {
            const value = event.currentTarget.value;
            void navigate({
              search: (prev) => ({ ...prev, status: value === "" ? undefined : (value as TransferStatus) }),
            });
          }}
          w={200}
        />
        <NativeSelect
          label={t("transfers.year")}
          value={search.year === undefined ? "" : String(search.year)}
          data={[
            { value: "", label: t("transfers.allYears") },
            ...registerYears(list.data.transfers, thisYear).map((y) => ({
              value: String(y),
              label: String(y),
            })),
          ]}
          onChange={(event) => {
            const value = event.currentTarget.value;
            void navigate({
              search: (prev) => ({ ...prev, year: value === "" ? undefined : Number(value) }),
            });
          }}
          w={160}
        />
        {keeper ? (
          <Button onClick={() => setDialog({ kind: "edit", transfer: null })}>{t("transfers.create")}</Button>
        ) : null}
      </Group>
      <div role="status" aria-live="polite">
        {message === null ? null : (
          <Text fw={700} mb="sm">
            {message}
          </Text>
        )}
      </div>
      {rows.length === 0 ? (
        <Text>{t("transfers.none")}</Text>
      ) : (
        <ScrollArea type="auto">
          <Table striped withTableBorder miw={1100}>
            <Table.Caption>{t("transfers.caption", { region: region.name })}</Table.Caption>
            <Table.Thead>
              <Table.Tr>
                <SortableHeader column="title" sort={sort} onSort={onSort} label={headerLabel("title")} />
                <Table.Th scope="col">{headerLabel("fromClinic")}</Table.Th>
                <SortableHeader column="status" sort={sort} onSort={onSort} label={headerLabel("status")} />
                <SortableHeader column="from" sort={sort} onSort={onSort} label={headerLabel("period")} />
                <Table.Th scope="col" ta="right">
                  {headerLabel("volume")}
                </Table.Th>
                <SortableHeader
                  column="cost"
                  sort={sort}
                  onSort={onSort}
                  label={headerLabel("cost")}
                  numeric
                />
                <SortableHeader
                  column="compensation"
                  sort={sort}
                  onSort={onSort}
                  label={headerLabel("compensation")}
                  numeric
                />
                <Table.Th scope="col">{headerLabel("units")}</Table.Th>
                <Table.Th scope="col" ta="right">
                  {headerLabel("version")}
                </Table.Th>
                <Table.Th scope="col">{headerLabel("actions")}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.map((transfer) => (
                <Table.Tr key={transfer.id}>
                  <Table.Th scope="row" fw={400}>
                    <Text fw={700} fz="sm">
                      {transfer.title}
                    </Text>
                    <Text fz="xs" c="dimmed">
                      {transfer.id}
                      {transfer.decisionRef === null ? "" : ` · ${transfer.decisionRef}`}
                    </Text>
                  </Table.Th>
                  <Table.Td>{transfer.fromClinic}</Table.Td>
                  <Table.Td>{t(`transfers.statuses.${transfer.status}`)}</Table.Td>
                  <Table.Td style={{ whiteSpace: "nowrap" }}>
                    {transfer.from} – {transfer.to ?? t("transfers.openEnded")}
                  </Table.Td>
                  <Table.Td ta="right">
                    {new Intl.NumberFormat(language === "en" ? "en" : "sv").format(
                      transfer.expectedAnnualVolume,
                    )}{" "}
                    {transfer.volumeUnit}
                  </Table.Td>
                  <Table.Td ta="right" style={{ whiteSpace: "nowrap" }}>
                    {formatKronorText(transfer.estimatedAnnualCost, language)}
                  </Table.Td>
                  <Table.Td ta="right" style={{ whiteSpace: "nowrap" }}>
                    {formatKronorText(transfer.annualCompensation, language)}
                  </Table.Td>
                  <Table.Td>
                    {transfer.units === null
                      ? t("transfers.allUnits")
                      : t("transfers.unitCount", { count: transfer.units.length })}
                  </Table.Td>
                  <Table.Td ta="right">{transfer.version}</Table.Td>
                  <Table.Td>
                    <Group gap="xs" wrap="nowrap">
                      <Button
                        size="xs"
                        variant="outline"
                        aria-label={t("transfers.historyFor", { title: transfer.title })}
                        onClick={() => setDialog({ kind: "history", transfer })}
                      >
                        {t("transfers.history")}
                      </Button>
                      {keeper ? (
                        <Button
                          size="xs"
                          variant="outline"
                          aria-label={t("transfers.editFor", { title: transfer.title })}
                          onClick={() => setDialog({ kind: "edit", transfer })}
                        >
                          {t("transfers.edit")}
                        </Button>
                      ) : null}
                    </Group>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </ScrollArea>
      )}
      {dialog?.kind === "history" ? (
        <HistoryModal region={region.code} transfer={dialog.transfer} onClose={() => setDialog(null)} />
      ) : null}
      {dialog?.kind === "edit" ? (
        <TransferFormModal
          region={region.code}
          transfer={dialog.transfer}
          onClose={() => setDialog(null)}
          onSaved={(saved) => {
            setDialog(null);
            setMessage(t("transfers.form.saved", { version: saved.version }));
          }}
        />
      ) : null}
    </>
  );
}

const COLUMN_KEYS = {
  title: true,
  fromClinic: true,
  status: true,
  period: true,
  volume: true,
  cost: true,
  compensation: true,
  units: true,
  version: true,
  actions: true,
} as const;
