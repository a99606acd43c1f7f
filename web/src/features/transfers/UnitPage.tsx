import {
  Alert,
  Button,
  Group,
  NativeSelect,
  NumberInput,
  ScrollArea,
  Stack,
  Table,
  Text,
  Title,
} from "@mantine/core";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { getRouteApi } from "@tanstack/react-router";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { errorMessage } from "../../api/error-message.ts";
import { useMoneyLanguage } from "../reimbursement/useMoneyLanguage.ts";
import { Page } from "../shell/Page.tsx";
import { LoadError, LoadingState } from "../shell/QueryStates.tsx";
import { formatMonth } from "../stats/format.ts";
import {
  reportVolume,
  TRANSFERS_KEY,
  type UnitTransfers,
  unitChoicesQuery,
  unitTransfersQuery,
} from "./api.ts";
import { TransfersNav } from "./TransfersNav.tsx";
import { reportedOfExpected } from "./unit-share.ts";

const route = getRouteApi("/_app/uppgiftsvaxling/enhet");

/**
 * /uppgiftsvaxling/enhet: the tasks a unit has taken over, its monthly volumes against its share of the
 * expected volume, and the unit manager's form for the month's volume.
 */
export function UnitPage() {
  const { t } = useTranslation();
  const search = route.useSearch();
  const navigate = route.useNavigate();
  const choices = useQuery(unitChoicesQuery);
  const thisYear = new Date().getFullYear();
  const year = search.year ?? thisYear;

  const body = () => {
    if (choices.isPending) return <LoadingState label={t("transfers.unit.loading")} />;
    if (choices.isError)
      return (
        <LoadError
          title={t("transfers.unit.loadFailed")}
          error={choices.error}
          onRetry={() => void choices.refetch()}
        />
      );
    const units = choices.data.units;
    if (units.length === 0) return <Text>{t("transfers.unit.noUnits")}</Text>;
    const unit = units.find((u) => u.hsaId === search.unit) ?? units[0];
    if (unit === undefined) return null;
    return (
      <Stack gap="lg">
        <Group align="flex-end" gap="md" wrap="wrap">
          <NativeSelect
            label={t("transfers.unit.unit")}
            value={unit.hsaId}
            data={units.map((u) => ({ value: u.hsaId, label: u.name }))}
            onChange={(event) =>
              void navigate({ search: (prev) => ({ ...prev, unit: event.currentTarget.value }) })
            }
            w={{ base: "100%", sm: 320 }}
          />
          <NativeSelect
            label={t("transfers.year")}
            value={String(year)}
            data={Array.from({ length: thisYear - 2022 }, (_, i) => String(2023 + i))}
            onChange={(event) =>
              void navigate({ search: (prev) => ({ ...prev, year: Number(event.currentTarget.value) }) })
            }
            w={160}
          />
        </Group>
        <UnitYear hsaId={unit.hsaId} unitName={unit.name} year={year} />
      </Stack>
    );
  };

  return (
    <Page title={t("transfers.unit.title")}>
      <TransfersNav />
      <Text mb="md" maw={760}>
        {t("transfers.unit.intro")}
      </Text>
      {body()}
    </Page>
  );
}

function UnitYear({ hsaId, unitName, year }: { hsaId: string; unitName: string; year: number }) {
  const { t, i18n } = useTranslation();
  const language = useMoneyLanguage();
  const view = useQuery(unitTransfersQuery(hsaId, year));
  if (view.isPending) return <LoadingState label={t("transfers.unit.loading")} />;
  if (view.isError)
    return (
      <LoadError
        title={t("transfers.unit.loadFailed")}
        error={view.error}
        onRetry={() => void view.refetch()}
      />
    );
  const transfers = view.data.transfers;
  if (transfers.length === 0) return <Text>{t("transfers.unit.none", { year })}</Text>;
  const count = new Intl.NumberFormat(language === "en" ? "en" : "sv");
  const decimal = (text: string) => (language === "sv" ? text.replace(".", ",") : text);
  const lang = i18n.resolvedLanguage ?? "sv";
  return (
    <>
      <Text fz="sm">
        {view.data.shareBasis === "listed" ? t("transfers.unit.shareListed") : t("transfers.unit.shareEqual")}
      </Text>
      <ScrollArea type="auto">
        <Table striped withTableBorder miw={720}>
          <Table.Caption>{t("transfers.unit.caption", { unit: unitName, year })}</Table.Caption>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t("transfers.unit.columns.title")}</Table.Th>
              <Table.Th scope="col" ta="right">
                {t("transfers.unit.columns.months")}
              </Table.Th>
              <Table.Th scope="col" ta="right">
                {t("transfers.unit.columns.expected")}
              </Table.Th>
              <Table.Th scope="col" ta="right">
                {t("transfers.unit.columns.expectedToDate")}
              </Table.Th>
              <Table.Th scope="col" ta="right">
                {t("transfers.unit.columns.reported")}
              </Table.Th>
              <Table.Th scope="col" ta="right">
                {t("transfers.unit.columns.share")}
              </Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {transfers.map((x) => (
              <Table.Tr key={x.id}>
                <Table.Th scope="row" fw={400}>
                  {x.title}
                </Table.Th>
                <Table.Td ta="right">{x.monthsInEffect}</Table.Td>
                <Table.Td ta="right">
                  {decimal(x.expectedShare)} {x.volumeUnit}
                </Table.Td>
                <Table.Td ta="right">
                  {decimal(x.expectedShareToDate)} {x.volumeUnit}
                </Table.Td>
                <Table.Td ta="right" data-testid={`reported-${x.id}`}>
                  {count.format(x.reportedVolume)} {x.volumeUnit}
                </Table.Td>
                <Table.Td ta="right">
                  {reportedOfExpected(x.reportedVolume, x.expectedShareToDate, language)}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </ScrollArea>
      <ScrollArea type="auto">
        <Table striped withTableBorder miw={1000}>
          <Table.Caption>{t("transfers.unit.monthsCaption", { year })}</Table.Caption>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t("transfers.unit.columns.title")}</Table.Th>
              {transfers[0]?.months.map((m) => (
                <Table.Th scope="col" ta="right" key={m.month}>
                  {formatMonth(m.month, lang, "short")}
                </Table.Th>
              ))}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {transfers.map((x) => (
              <Table.Tr key={x.id}>
                <Table.Th scope="row" fw={400}>
                  {x.title}
                </Table.Th>
                {x.months.map((m) => (
                  <Table.Td ta="right" key={m.month}>
                    {m.volume === null ? t("transfers.unit.notReported") : count.format(m.volume)}
                  </Table.Td>
                ))}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </ScrollArea>
      <VolumeForm key={`${hsaId}:${year}`} hsaId={hsaId} year={year} transfers={transfers} />
    </>
  );
}

function VolumeForm({
  hsaId,
  year,
  transfers,
}: {
  hsaId: string;
  year: number;
  transfers: UnitTransfers["transfers"];
}) {
  const { t, i18n } = useTranslation();
  const queryClient = useQueryClient();
  const lang = i18n.resolvedLanguage ?? "sv";
  const reportable = transfers.filter((x) => x.reportableMonths.length > 0);
  const [transferId, setTransferId] = useState(reportable[0]?.id ?? "");
  const chosen = reportable.find((x) => x.id === transferId) ?? reportable[0];
  const [month, setMonth] = useState(chosen?.reportableMonths.at(-1) ?? "");
  const monthValue = chosen?.reportableMonths.includes(month)
    ? month
    : (chosen?.reportableMonths.at(-1) ?? "");
  const current = chosen?.months.find((m) => m.month === monthValue)?.volume ?? null;
  const [volume, setVolume] = useState<string | number>("");
  const [invalid, setInvalid] = useState(false);
  const save = useMutation({
    mutationFn: (value: number) =>
      reportVolume({ transferId: chosen?.id ?? "", unitHsaId: hsaId, month: monthValue, volume: value }),
    onSuccess: () => {
      setVolume("");
      void queryClient.invalidateQueries({ queryKey: TRANSFERS_KEY });
    },
  });
  if (chosen === undefined) return <Text>{t("transfers.unit.nothingToReport", { year })}</Text>;
  return (
    <Stack
      component="form"
      gap="md"
      maw={640}
      aria-labelledby="transfer-volume-heading"
      onSubmit={(event) => {
        event.preventDefault();
        const value = typeof volume === "number" ? volume : Number.NaN;
        if (!Number.isSafeInteger(value) || value < 0) {
          setInvalid(true);
          return;
        }
        setInvalid(false);
        save.mutate(value);
      }}
    >
      <Title order={2} fz="h4" id="transfer-volume-heading">
        {t("transfers.unit.formTitle")}
      </Title>
      <NativeSelect
        label={t("transfers.unit.transfer")}
        value={chosen.id}
        data={reportable.map((x) => ({ value: x.id, label: x.title }))}
        onChange={(event) => {
          setTransferId(event.currentTarget.value);
          save.reset();
        }}
      />
      <NativeSelect
        label={t("transfers.unit.reportMonth")}
        value={monthValue}
        data={chosen.reportableMonths.map((m) => ({ value: m, label: formatMonth(m, lang) }))}
        onChange={(event) => {
          setMonth(event.currentTarget.value);
          save.reset();
        }}
        w={240}
      />
      <NumberInput
        label={t("transfers.unit.volume")}
        description={t("transfers.unit.volumeHint", { unit: chosen.volumeUnit })}
        placeholder={current === null ? undefined : String(current)}
        value={volume}
        onChange={(value) => {
          setVolume(value);
          save.reset();
        }}
        min={0}
        allowDecimal={false}
        allowNegative={false}
        error={invalid ? t("transfers.unit.volumeInvalid") : null}
        w={240}
      />
      <Group>
        <Button type="submit" loading={save.isPending}>
          {t("transfers.unit.save")}
        </Button>
      </Group>
      <div role="status" aria-live="polite">
        {save.isSuccess ? (
          <Text fw={700}>
            {save.data.replaced === null
              ? t("transfers.unit.saved", {
                  volume: save.data.volume,
                  month: formatMonth(save.data.month, lang),
                })
              : t("transfers.unit.replaced", {
                  volume: save.data.volume,
                  month: formatMonth(save.data.month, lang),
                  previous: save.data.replaced,
                })}
          </Text>
        ) : null}
      </div>
      {save.isError ? (
        <Alert color="red" variant="outline" role="alert" title={t("transfers.unit.saveFailed")}>
          {errorMessage(save.error, t)}
        </Alert>
      ) : null}
    </Stack>
  );
}
