import {
  Alert,
  Button,
  Checkbox,
  Group,
  List,
  NativeSelect,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { getRouteApi } from "@tanstack/react-router";
import { Fragment, useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import type { Region } from "../../api/types.ts";
import { ACCESSIBLE_COLORS } from "../../app/theme.ts";
import { Page } from "../shell/Page.tsx";
import { LoadError, LoadingState } from "../shell/QueryStates.tsx";
import {
  type ModelSummary,
  modelLabel,
  modelQuery,
  modelsQuery,
  type ScenarioAnswer,
  type ScenarioInput,
  scenarioCsvUrl,
  scenarioQuery,
} from "./api.ts";
import { formatOre, formatOreDiff } from "./money.ts";
import { formatMonth, isMonth, previousMonth, type ScenarioSearch } from "./months.ts";
import { RegionChoice } from "./RegionChoice.tsx";
import { ReimbursementNav } from "./ReimbursementNav.tsx";
import { compareScenario, sortRows } from "./tables.ts";
import { useMoneyLanguage } from "./useMoneyLanguage.ts";

const route = getRouteApi("/_app/ersattning/scenarier");

/** /ersattning/scenarier: one month's inputs under two models, side by side. */
export function ScenariosPage() {
  const { t } = useTranslation();
  const search = route.useSearch();
  const navigate = route.useNavigate();
  return (
    <Page title={t("reimbursement.scenarios.title")}>
      <ReimbursementNav />
      <Text mb="md" maw={720}>
        {t("reimbursement.scenarios.intro")}
      </Text>
      <RegionChoice requested={search.region} onChange={(region) => void navigate({ search: { region } })}>
        {(region) => (
          <RegionScenarios
            key={region.code}
            region={region}
            search={search}
            onCompare={(next) => void navigate({ search: { region: region.code, ...next } })}
          />
        )}
      </RegionChoice>
    </Page>
  );
}

interface RegionScenariosProps {
  region: Region;
  search: ScenarioSearch;
  onCompare: (choice: { month: string; a: number; b: number }) => void;
}

function RegionScenarios({ region, search, onCompare }: RegionScenariosProps) {
  const { t } = useTranslation();
  const models = useQuery(modelsQuery(region.code));
  const [month, setMonth] = useState(search.month ?? previousMonth(new Date()));
  const [a, setA] = useState(search.a === undefined ? "" : String(search.a));
  const [b, setB] = useState(search.b === undefined ? "" : String(search.b));
  const [submitted, setSubmitted] = useState(false);

  if (models.isPending) return <LoadingState label={t("reimbursement.models.loading")} />;
  if (models.isError) {
    return (
      <LoadError
        title={t("reimbursement.models.loadFailed")}
        error={models.error}
        onRetry={() => void models.refetch()}
      />
    );
  }
  const options = [
    { value: "", label: t("reimbursement.scenarios.chooseModel") },
    ...models.data.map((model) => ({ value: String(model.id), label: modelLabel(model) })),
  ];
  const problems = {
    month: submitted && !isMonth(month) ? t("reimbursement.runs.monthInvalid") : null,
    a: submitted && a === "" ? t("reimbursement.scenarios.modelMissing") : null,
    b: submitted && b === "" ? t("reimbursement.scenarios.modelMissing") : null,
  };
  const input: ScenarioInput | null =
    search.month !== undefined && search.a !== undefined && search.b !== undefined
      ? { region: region.code, month: search.month, modelA: search.a, modelB: search.b }
      : null;

  return (
    <Stack gap="lg">
      <Group
        component="form"
        aria-label={t("reimbursement.scenarios.formLabel")}
        align="flex-start"
        gap="md"
        wrap="wrap"
        onSubmit={(event) => {
          event.preventDefault();
          setSubmitted(true);
          if (isMonth(month) && a !== "" && b !== "") onCompare({ month, a: Number(a), b: Number(b) });
        }}
      >
        <TextInput
          type="month"
          label={t("reimbursement.month")}
          description={t("reimbursement.monthHint")}
          value={month}
          onChange={(event) => setMonth(event.currentTarget.value)}
          error={problems.month}
          required
          w={200}
        />
        <NativeSelect
          label={t("reimbursement.scenarios.modelA")}
          value={a}
          data={options}
          onChange={(event) => setA(event.currentTarget.value)}
          error={problems.a}
          required
          w={{ base: "100%", sm: 380 }}
        />
        <NativeSelect
          label={t("reimbursement.scenarios.modelB")}
          value={b}
          data={options}
          onChange={(event) => setB(event.currentTarget.value)}
          error={problems.b}
          required
          w={{ base: "100%", sm: 380 }}
        />
        <Button type="submit" mt={{ base: 0, sm: 46 }}>
          {t("reimbursement.scenarios.compare")}
        </Button>
      </Group>
      {input === null ? null : <ScenarioResult input={input} models={models.data} />}
    </Stack>
  );
}

function ScenarioResult({ input, models }: { input: ScenarioInput; models: readonly ModelSummary[] }) {
  const { t } = useTranslation();
  const comparison = useQuery(scenarioQuery(input));
  // Component ids → labels from both models' files (the comparison itself carries only ids).
  const modelA = useQuery(modelQuery(input.modelA));
  const modelB = useQuery(modelQuery(input.modelB));
  const labels = useMemo(() => {
    const map = new Map<string, string>();
    for (const model of [modelB.data, modelA.data])
      for (const component of model?.model.components ?? []) map.set(component.id, component.label);
    return map;
  }, [modelA.data, modelB.data]);
  const nameOf = (id: number) => {
    const model = models.find((m) => m.id === id);
    return model ? modelLabel(model) : String(id);
  };
  // Column headers stay short: the model id and version; the full names are in the summary above.
  const shortName = (id: number) => {
    const model = models.find((m) => m.id === id);
    return model ? `${model.modelId} v${model.version}` : String(id);
  };

  if (comparison.isPending) return <LoadingState label={t("reimbursement.scenarios.computing")} />;
  if (comparison.isError) {
    return (
      <LoadError
        title={t("reimbursement.scenarios.failed")}
        error={comparison.error}
        onRetry={() => void comparison.refetch()}
      />
    );
  }
  return (
    <ScenarioTables
      answer={comparison.data}
      input={input}
      labels={labels}
      aName={nameOf(input.modelA)}
      bName={nameOf(input.modelB)}
      aShort={shortName(input.modelA)}
      bShort={shortName(input.modelB)}
    />
  );
}

interface ScenarioTablesProps {
  answer: ScenarioAnswer;
  input: ScenarioInput;
  labels: ReadonlyMap<string, string>;
  aName: string;
  bName: string;
  aShort: string;
  bShort: string;
}

function ScenarioTables({ answer, input, labels, aName, bName, aShort, bShort }: ScenarioTablesProps) {
  const { t, i18n } = useTranslation();
  const language = useMoneyLanguage();
  const [onlyChanged, setOnlyChanged] = useState(false);
  const comparison = useMemo(() => compareScenario(answer.rows), [answer.rows]);
  const units = useMemo(() => sortRows(comparison.units, (unit) => unit.unitName, "asc"), [comparison.units]);
  const label = (component: string) => labels.get(component) ?? component;
  const diff = (ore: bigint) => formatOreDiff(ore, { language });
  const month = formatMonth(input.month, i18n.resolvedLanguage ?? "sv");

  return (
    <Stack gap="lg">
      <Group justify="space-between" align="flex-end">
        <Text>
          {t("reimbursement.scenarios.summary", {
            month,
            a: aName,
            b: bName,
            diff: diff(comparison.diffOre),
          })}
        </Text>
        <Button component="a" variant="default" href={scenarioCsvUrl(input)} download>
          {t("reimbursement.scenarios.csv")}
        </Button>
      </Group>
      {answer.notes.length > 0 ? (
        <Alert color={ACCESSIBLE_COLORS.orange} variant="outline" title={t("reimbursement.scenarios.notes")}>
          <List size="sm">
            {answer.notes.map((note) => (
              <List.Item key={note}>{note}</List.Item>
            ))}
          </List>
        </Alert>
      ) : null}

      <section aria-labelledby="scenario-components-heading">
        <Title order={2} id="scenario-components-heading" mb="sm">
          {t("reimbursement.scenarios.perComponent")}
        </Title>
        <Table.ScrollContainer minWidth={640}>
          <Table striped captionSide="top" verticalSpacing="xs" fz="sm">
            <Table.Caption>{t("reimbursement.scenarios.componentsCaption", { month })}</Table.Caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t("reimbursement.scenarios.component")}</Table.Th>
                <ComparisonHeaders aShort={aShort} bShort={bShort} />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {comparison.components.map((line) => (
                <Table.Tr key={line.component}>
                  <Table.Th scope="row" fw={400}>
                    {label(line.component)}
                  </Table.Th>
                  <ComparisonCells amounts={line} />
                </Table.Tr>
              ))}
            </Table.Tbody>
            <Table.Tfoot>
              <Table.Tr>
                <Table.Th scope="row">{t("reimbursement.total")}</Table.Th>
                <ComparisonCells amounts={comparison} bold />
              </Table.Tr>
            </Table.Tfoot>
          </Table>
        </Table.ScrollContainer>
      </section>

      <section aria-labelledby="scenario-units-heading">
        <Title order={2} id="scenario-units-heading" mb="sm">
          {t("reimbursement.scenarios.perUnit")}
        </Title>
        <Checkbox
          label={t("reimbursement.scenarios.onlyChanged")}
          checked={onlyChanged}
          onChange={(event) => setOnlyChanged(event.currentTarget.checked)}
          mb="sm"
        />
        <Table.ScrollContainer minWidth={820}>
          <Table captionSide="top" verticalSpacing="xs" fz="sm">
            <Table.Caption>{t("reimbursement.scenarios.unitsCaption", { month })}</Table.Caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t("reimbursement.run.unit")}</Table.Th>
                <Table.Th scope="col">{t("reimbursement.scenarios.component")}</Table.Th>
                <ComparisonHeaders aShort={aShort} bShort={bShort} />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {units.map((unit) => {
                const lines = onlyChanged ? unit.lines.filter((line) => line.diffOre !== 0n) : unit.lines;
                if (onlyChanged && lines.length === 0) return null;
                return (
                  <Fragment key={unit.hsaId}>
                    {lines.map((line) => (
                      <Table.Tr key={line.component}>
                        <Table.Td>{unit.unitName}</Table.Td>
                        <Table.Td>{label(line.component)}</Table.Td>
                        <ComparisonCells amounts={line} />
                      </Table.Tr>
                    ))}
                    <Table.Tr bg="gray.1">
                      <Table.Th scope="row" colSpan={2}>
                        {t("reimbursement.scenarios.unitTotal", { unit: unit.unitName })}
                      </Table.Th>
                      <ComparisonCells amounts={unit} bold />
                    </Table.Tr>
                  </Fragment>
                );
              })}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      </section>
    </Stack>
  );
}

/** The A, B and B − A column headers of both comparison tables. */
function ComparisonHeaders({ aShort, bShort }: { aShort: string; bShort: string }) {
  const { t } = useTranslation();
  return (
    <>
      <Table.Th scope="col" ta="right">
        {t("reimbursement.scenarios.columnA", { model: aShort })}
      </Table.Th>
      <Table.Th scope="col" ta="right">
        {t("reimbursement.scenarios.columnB", { model: bShort })}
      </Table.Th>
      <Table.Th scope="col" ta="right">
        {t("reimbursement.scenarios.difference")}
      </Table.Th>
    </>
  );
}

/** A line's amounts under A and B and the difference, in kronor. */
function ComparisonCells({
  amounts,
  bold = false,
}: {
  amounts: { aOre: bigint; bOre: bigint; diffOre: bigint };
  bold?: boolean;
}) {
  const language = useMoneyLanguage();
  const cell = { ta: "right", fw: bold ? 700 : undefined, style: { whiteSpace: "nowrap" } } as const;
  return (
    <>
      <Table.Td {...cell}>{formatOre(amounts.aOre, { language })}</Table.Td>
      <Table.Td {...cell}>{formatOre(amounts.bOre, { language })}</Table.Td>
      <Table.Td {...cell}>{formatOreDiff(amounts.diffOre, { language })}</Table.Td>
    </>
  );
}
