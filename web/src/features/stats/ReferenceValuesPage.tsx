import { Alert, Button, Fieldset, Group, NumberInput, Stack, Table, Text, Title } from "@mantine/core";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { errorMessage } from "../../api/error-message.ts";
import { ACCESSIBLE_COLORS } from "../../app/theme.ts";
import { Page } from "../shell/Page.tsx";
import { LoadError, LoadingState } from "../shell/QueryStates.tsx";
import { referenceValuesQuery, saveReferenceValue } from "./api.ts";
import { formatRate, parsePercentInput } from "./format.ts";
import type { ReferenceValue } from "./types.ts";

/** The national reference (SKR-comparable phone rate) per year and the goal, editable by the region admin. */
export function ReferenceValuesPage() {
  const { t } = useTranslation();
  const values = useQuery(referenceValuesQuery);
  return (
    <Page title={t("stats.reference.title")}>
      <Text mb="md" maw={760}>
        {t("stats.reference.intro")}
      </Text>
      {values.isPending ? (
        <LoadingState label={t("stats.reference.loading")} />
      ) : values.isError ? (
        <LoadError
          title={t("stats.reference.loadFailed")}
          error={values.error}
          onRetry={() => void values.refetch()}
        />
      ) : (
        <Stack gap="lg">
          <ReferenceTable values={values.data} />
          <ReferenceForm values={values.data} />
        </Stack>
      )}
    </Page>
  );
}

function ReferenceTable({ values }: { values: ReferenceValue[] }) {
  const { t, i18n } = useTranslation();
  const language = i18n.resolvedLanguage ?? "sv";
  return (
    <Table maw={640} striped captionSide="top">
      <Table.Caption>{t("stats.reference.caption")}</Table.Caption>
      <Table.Thead>
        <Table.Tr>
          <Table.Th scope="col">{t("stats.reference.year")}</Table.Th>
          <Table.Th scope="col">{t("stats.reference.nationalRate")}</Table.Th>
          <Table.Th scope="col">{t("stats.reference.goal")}</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {values.length === 0 ? (
          <Table.Tr>
            <Table.Td colSpan={3}>{t("stats.reference.none")}</Table.Td>
          </Table.Tr>
        ) : (
          values.map((value) => (
            <Table.Tr key={value.year}>
              <Table.Th scope="row">{value.year}</Table.Th>
              <Table.Td>{formatRate(value.nationalPhoneRate, language)}</Table.Td>
              <Table.Td>{formatRate(value.goal, language)}</Table.Td>
            </Table.Tr>
          ))
        )}
      </Table.Tbody>
    </Table>
  );
}

function ReferenceForm({ values }: { values: ReferenceValue[] }) {
  const { t, i18n } = useTranslation();
  const language = i18n.resolvedLanguage ?? "sv";
  const queryClient = useQueryClient();
  const latest = values[0];
  const [year, setYear] = useState<number | string>(latest?.year ?? new Date().getFullYear());
  const [rate, setRate] = useState<number | string>(
    latest?.nationalPhoneRate === null || latest === undefined
      ? ""
      : Math.round(latest.nationalPhoneRate * 1000) / 10,
  );
  const [goal, setGoal] = useState<number | string>(latest ? Math.round(latest.goal * 1000) / 10 : 100);
  const [invalid, setInvalid] = useState(false);
  const save = useMutation({
    mutationFn: saveReferenceValue,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ["stats"] }),
  });

  function submit(event: FormEvent) {
    event.preventDefault();
    const parsedYear = Number(year);
    const parsedRate = rate === "" ? null : parsePercentInput(rate);
    const parsedGoal = parsePercentInput(goal);
    const valid =
      Number.isInteger(parsedYear) &&
      parsedYear >= 2000 &&
      parsedYear <= 2100 &&
      (rate === "" || parsedRate !== null) &&
      parsedGoal !== null;
    setInvalid(!valid);
    if (!valid || parsedGoal === null) return;
    save.mutate({ year: parsedYear, nationalPhoneRate: parsedRate, goal: parsedGoal });
  }

  return (
    <section aria-labelledby="reference-form-heading">
      <Title order={2} id="reference-form-heading" mb="sm">
        {t("stats.reference.formTitle")}
      </Title>
      <form onSubmit={submit} noValidate>
        <Fieldset legend={t("stats.reference.formLegend")} maw={640}>
          <Stack gap="md">
            <NumberInput
              label={t("stats.reference.year")}
              value={year}
              onChange={setYear}
              min={2000}
              max={2100}
              allowDecimal={false}
              required
            />
            <NumberInput
              label={t("stats.reference.nationalRateInput")}
              description={t("stats.reference.nationalRateHint")}
              value={rate}
              onChange={setRate}
              min={0}
              max={100}
              decimalScale={1}
              decimalSeparator={language === "en" ? "." : ","}
              suffix=" %"
            />
            <NumberInput
              label={t("stats.reference.goalInput")}
              value={goal}
              onChange={setGoal}
              min={0}
              max={100}
              decimalScale={1}
              decimalSeparator={language === "en" ? "." : ","}
              suffix=" %"
              required
            />
            {invalid && (
              <Text c="red.9" role="alert">
                {t("stats.reference.invalid")}
              </Text>
            )}
            <Group>
              <Button type="submit" loading={save.isPending}>
                {t("stats.reference.save")}
              </Button>
            </Group>
            <div role="status" aria-live="polite">
              {save.isSuccess && (
                <Text c={ACCESSIBLE_COLORS.green}>
                  {t("stats.reference.saved", { year: save.variables?.year })}
                </Text>
              )}
            </div>
            {save.isError && (
              <Alert color="red" variant="outline" role="alert">
                {errorMessage(save.error, t)}
              </Alert>
            )}
          </Stack>
        </Fieldset>
      </form>
    </section>
  );
}
