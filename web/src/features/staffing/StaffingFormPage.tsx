import { Alert, Button, Group, NativeSelect, Stack, Table, Text, TextInput } from "@mantine/core";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { errorMessage } from "../../api/error-message.ts";
import { useCurrentUser } from "../auth/session.ts";
import { Page } from "../shell/Page.tsx";
import { LoadError, LoadingState } from "../shell/QueryStates.tsx";
import { formatMonth, monthChoices } from "../stats/format.ts";
import { RegionScope } from "../stats/RegionScope.tsx";
import { type StaffingFormDto, type StaffingFormRowDto, saveStaffingForm, staffingFormQuery } from "./api.ts";

const PROFESSIONS = [
  "specialist_allmanmedicin",
  "st_allmanmedicin",
  "annan_lakare",
  "distriktsskoterska",
  "sjukskoterska",
  "annan",
] as const;
type Profession = (typeof PROFESSIONS)[number];
type Grid = Record<Profession, { employed: string; agency: string; cost: string }>;

/** The stored rows as one line per profession: employed FTE, agency FTE, agency cost. */
function gridOf(form: StaffingFormDto): Grid {
  const grid = Object.fromEntries(
    PROFESSIONS.map((p) => [p, { employed: "", agency: "", cost: "" }]),
  ) as Grid;
  for (const row of form.rows) {
    const line = grid[row.profession];
    if (row.employment === "employed") line.employed = row.fte;
    else {
      line.agency = row.fte;
      line.cost = row.agencyCostSek ?? "";
    }
  }
  return grid;
}

/** The grid back as rows; empty cells are left out (a saved month lists what it has). */
function rowsOf(grid: Grid): StaffingFormRowDto[] {
  const clean = (s: string) => s.trim().replace(",", ".").replace(/\s/g, "");
  const rows: StaffingFormRowDto[] = [];
  for (const profession of PROFESSIONS) {
    const line = grid[profession];
    if (clean(line.employed) !== "")
      rows.push({ profession, employment: "employed", fte: clean(line.employed), agencyCostSek: null });
    if (clean(line.agency) !== "")
      rows.push({
        profession,
        employment: "agency",
        fte: clean(line.agency),
        agencyCostSek: clean(line.cost) === "" ? null : clean(line.cost),
      });
  }
  return rows;
}

export function StaffingFormPage() {
  const { t } = useTranslation();
  return (
    <Page title={t("staffing.form.title")}>
      <Text maw={760} mb="md">
        {t("staffing.form.intro")}
      </Text>
      <RegionScope requested={undefined} onRegionChange={() => {}}>
        {({ units, today }) => <FormForUnits units={units} today={today} />}
      </RegionScope>
    </Page>
  );
}

function FormForUnits({
  units,
  today,
}: {
  units: { hsaId: string; name: string; type: string }[];
  today: string;
}) {
  const { t, i18n } = useTranslation();
  const language = i18n.resolvedLanguage ?? "sv";
  const user = useCurrentUser();
  const own = units.filter(
    (u) => u.type !== "backup" && (user.role !== "unit_manager" || user.unitHsaIds.includes(u.hsaId)),
  );
  const [unit, setUnit] = useState(own[0]?.hsaId ?? "");
  const months = monthChoices(today, 13);
  const [month, setMonth] = useState(months[0] ?? "");
  if (own.length === 0) return <Text>{t("staffing.form.noUnits")}</Text>;
  return (
    <Stack>
      <Group>
        <NativeSelect
          label={t("staffing.form.unit")}
          value={unit}
          data={own.map((u) => ({ value: u.hsaId, label: u.name }))}
          onChange={(e) => setUnit(e.currentTarget.value)}
        />
        <NativeSelect
          label={t("staffing.form.month")}
          value={month}
          data={months.map((m) => ({ value: m, label: formatMonth(m, language) }))}
          onChange={(e) => setMonth(e.currentTarget.value)}
        />
      </Group>
      <UnitMonthForm key={`${unit}-${month}`} unit={unit} month={month} />
    </Stack>
  );
}

function UnitMonthForm({ unit, month }: { unit: string; month: string }) {
  const { t, i18n } = useTranslation();
  const language = i18n.resolvedLanguage ?? "sv";
  const queryClient = useQueryClient();
  const form = useQuery(staffingFormQuery(unit, month));
  const [grid, setGrid] = useState<Grid | null>(null);
  useEffect(() => {
    if (form.data) setGrid(gridOf(form.data));
  }, [form.data]);
  const save = useMutation({
    mutationFn: (rows: StaffingFormRowDto[]) => saveStaffingForm(unit, month, rows),
    onSuccess: (saved) => {
      queryClient.setQueryData(staffingFormQuery(unit, month).queryKey, saved);
      void queryClient.invalidateQueries({ queryKey: ["staffing", "stats"] });
    },
  });
  if (form.isPending || grid === null) return <LoadingState label={t("staffing.loading")} />;
  if (form.isError)
    return (
      <LoadError title={t("staffing.loadFailed")} error={form.error} onRetry={() => void form.refetch()} />
    );
  const status =
    form.data.source === "prefilled"
      ? t("staffing.form.prefilled", { month: formatMonth(form.data.prefilledFrom ?? "", language) })
      : form.data.source === "stored"
        ? t("staffing.form.stored")
        : t("staffing.form.empty");
  const set = (p: Profession, key: "employed" | "agency" | "cost", value: string) =>
    setGrid({ ...grid, [p]: { ...grid[p], [key]: value } });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    save.mutate(rowsOf(grid));
  };
  return (
    <form onSubmit={submit} noValidate>
      <Text mb="sm" data-testid="staffing-form-status">
        {status}
      </Text>
      <Table>
        <Table.Caption>
          {form.data.unitName}, {formatMonth(month, language)}
        </Table.Caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t("staffing.form.profession")}</Table.Th>
            <Table.Th scope="col">{t("staffing.form.employed")}</Table.Th>
            <Table.Th scope="col">{t("staffing.form.agency")}</Table.Th>
            <Table.Th scope="col">{t("staffing.form.agencyCost")}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {PROFESSIONS.map((p) => {
            const name = t(`staffing.professions.${p}`);
            return (
              <Table.Tr key={p}>
                <Table.Th scope="row">{name}</Table.Th>
                <Table.Td>
                  <TextInput
                    aria-label={`${name}: ${t("staffing.form.employed")}`}
                    value={grid[p].employed}
                    inputMode="decimal"
                    onChange={(e) => set(p, "employed", e.currentTarget.value)}
                  />
                </Table.Td>
                <Table.Td>
                  <TextInput
                    aria-label={`${name}: ${t("staffing.form.agency")}`}
                    value={grid[p].agency}
                    inputMode="decimal"
                    onChange={(e) => set(p, "agency", e.currentTarget.value)}
                  />
                </Table.Td>
                <Table.Td>
                  <TextInput
                    aria-label={`${name}: ${t("staffing.form.agencyCost")}`}
                    value={grid[p].cost}
                    inputMode="decimal"
                    onChange={(e) => set(p, "cost", e.currentTarget.value)}
                  />
                </Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
      <Group mt="md">
        <Button type="submit" loading={save.isPending}>
          {t("staffing.form.save")}
        </Button>
      </Group>
      {save.isError && (
        <Alert color="red" mt="sm" role="alert">
          {t("staffing.form.invalid")} {errorMessage(save.error, t)}
        </Alert>
      )}
      {save.isSuccess && (
        <Alert color="green" mt="sm" role="status">
          {t("staffing.form.saved", { month: formatMonth(month, language) })}
        </Alert>
      )}
    </form>
  );
}
