import { Alert, Button, Group, NativeSelect, Table, Text, TextInput, Title } from "@mantine/core";
import { useMutation } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { errorMessage } from "../../api/error-message.ts";
import type { Unit } from "../../api/types.ts";
import { formatDecimal, formatMonth, NO_FIGURE } from "../stats/format.ts";
import { fetchWhatIf, type WhatIfResponse } from "./api.ts";

// "N more specialists in unit X": the server recomputes the unit's, its kommun's and the region's rows.

function ratio(text: string | null, language: string): string {
  return text === null ? NO_FIGURE : formatDecimal(Number(text), language, 1);
}
function fteText(text: string, language: string): string {
  return formatDecimal(Number(text), language, 2);
}

export function WhatIf({ region, units, month }: { region: string; units: Unit[]; month: string }) {
  const { t, i18n } = useTranslation();
  const language = i18n.resolvedLanguage ?? "sv";
  const care = units.filter((u) => u.type !== "backup").sort((a, b) => a.name.localeCompare(b.name, "sv"));
  const [unit, setUnit] = useState(care[0]?.hsaId ?? "");
  const [fte, setFte] = useState("1");
  const whatIf = useMutation({
    mutationFn: () => fetchWhatIf(region, month, unit, fte.trim().replace(",", ".")),
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    whatIf.mutate();
  };
  return (
    <section aria-labelledby="staffing-whatif-heading">
      <Title order={2} id="staffing-whatif-heading" mb="xs">
        {t("staffing.whatIfTitle")}
      </Title>
      <Text size="sm" mb="sm">
        {t("staffing.whatIfHelp")}
      </Text>
      <form onSubmit={submit} noValidate>
        <Group align="flex-end">
          <NativeSelect
            label={t("staffing.whatIfUnit")}
            value={unit}
            data={care.map((u) => ({ value: u.hsaId, label: u.name }))}
            onChange={(e) => setUnit(e.currentTarget.value)}
          />
          <TextInput
            label={t("staffing.whatIfFte")}
            value={fte}
            onChange={(e) => setFte(e.currentTarget.value)}
            inputMode="decimal"
            maw={260}
          />
          <Button type="submit" loading={whatIf.isPending}>
            {t("staffing.whatIfSubmit")}
          </Button>
        </Group>
      </form>
      {whatIf.isError && (
        <Alert color="red" mt="sm" role="alert">
          {errorMessage(whatIf.error, t)}
        </Alert>
      )}
      {whatIf.data && (
        <WhatIfTable
          result={whatIf.data}
          unitName={care.find((u) => u.hsaId === whatIf.data.unitHsaId)?.name ?? ""}
          language={language}
        />
      )}
    </section>
  );
}

function WhatIfTable({
  result,
  unitName,
  language,
}: {
  result: WhatIfResponse;
  unitName: string;
  language: string;
}) {
  const { t } = useTranslation();
  const scopes = [
    ["unit", t("staffing.scopeUnit")],
    ["kommun", t("staffing.scopeKommun")],
    ["region", t("staffing.scopeRegion")],
  ] as const;
  return (
    <Table mt="md" striped>
      <Table.Caption>
        {t("staffing.whatIfCaption", {
          unit: unitName,
          month: formatMonth(result.month, language),
          fte: formatDecimal(Number(result.additionalGpFte), language, 2),
        })}
      </Table.Caption>
      <Table.Thead>
        <Table.Tr>
          <Table.Th scope="col" />
          <Table.Th scope="col">
            {t("staffing.columns.listedPerGp")} – {t("staffing.before")}
          </Table.Th>
          <Table.Th scope="col">
            {t("staffing.columns.listedPerGp")} – {t("staffing.after")}
          </Table.Th>
          <Table.Th scope="col">
            {t("staffing.columns.gap")} – {t("staffing.before")}
          </Table.Th>
          <Table.Th scope="col">
            {t("staffing.columns.gap")} – {t("staffing.after")}
          </Table.Th>
          <Table.Th scope="col">
            {t("staffing.columns.shortfall")} – {t("staffing.after")}
          </Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {scopes.map(([key, label]) => (
          <Table.Tr key={key}>
            <Table.Th scope="row">{label}</Table.Th>
            <Table.Td>{ratio(result.before[key].listedPerGp, language)}</Table.Td>
            <Table.Td>{ratio(result.after[key].listedPerGp, language)}</Table.Td>
            <Table.Td>{fteText(result.before[key].gpGapFte, language)}</Table.Td>
            <Table.Td>{fteText(result.after[key].gpGapFte, language)}</Table.Td>
            <Table.Td>{fteText(result.after[key].shortfallFte, language)}</Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}
