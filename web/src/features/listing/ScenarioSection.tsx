import {
  Alert,
  Button,
  Fieldset,
  Group,
  NativeSelect,
  NumberInput,
  Radio,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from "@mantine/core";
import { useMutation } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { errorMessage } from "../../api/error-message.ts";
import { formatOre, formatOreDiff } from "../reimbursement/money.ts";
import { formatCount, formatDecimal, formatMonth } from "../stats/format.ts";
import { runScenario, type ScenarioRequest, type UnitStructureResponse } from "./api.ts";

type Unit = UnitStructureResponse["units"][number];

export function ScenarioSection({ region, month, units }: { region: string; month: string; units: Unit[] }) {
  const { t, i18n } = useTranslation();
  const language = i18n.resolvedLanguage ?? "sv";
  const moneyLanguage = language === "en" ? "en" : "sv";
  const [kind, setKind] = useState<"close" | "open">("close");
  const [closed, setClosed] = useState(units[0]?.hsaId ?? "");
  const [target, setTarget] = useState("nearest1");
  const [name, setName] = useState("");
  const [lat, setLat] = useState<number | string>(units[0]?.lat ?? 63);
  const [lon, setLon] = useState<number | string>(units[0]?.lon ?? 17);
  const [fte, setFte] = useState<number | string>(1);
  const [from1, setFrom1] = useState(units[0]?.hsaId ?? "");
  const [count1, setCount1] = useState<number | string>(1000);
  const [from2, setFrom2] = useState("");
  const [count2, setCount2] = useState<number | string>(0);
  const scenario = useMutation({ mutationFn: runScenario });
  const unitOptions = units.map((u) => ({ value: u.hsaId, label: u.name }));

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const body: ScenarioRequest =
      kind === "close"
        ? {
            region,
            month,
            change: target.startsWith("nearest")
              ? { kind: "close", unitHsaId: closed, nearest: target === "nearest2" ? 2 : 1 }
              : { kind: "close", unitHsaId: closed, toHsaIds: [target], nearest: 1 },
          }
        : {
            region,
            month,
            change: {
              kind: "open",
              name: name.trim(),
              lat: Number(lat),
              lon: Number(lon),
              specialistFte: Number(fte).toFixed(2),
              ruralPoints: "0",
              takes: [
                { fromHsaId: from1, count: Number(count1) },
                ...(from2 === "" ? [] : [{ fromHsaId: from2, count: Number(count2) }]),
              ],
            },
          };
    scenario.mutate(body);
  };

  const result = scenario.data;
  return (
    <section aria-labelledby="scenario-heading">
      <Title order={2} id="scenario-heading" mb="xs">
        {t("listing.structure.scenario.title")}
      </Title>
      <Text size="sm" mb="sm" maw={760}>
        {t("listing.structure.scenario.intro")}
      </Text>
      <form onSubmit={submit}>
        <Stack gap="sm" maw={640}>
          <Radio.Group
            label={t("listing.structure.scenario.kind")}
            value={kind}
            onChange={(value) => setKind(value as "close" | "open")}
          >
            <Group mt="xs">
              <Radio value="close" label={t("listing.structure.scenario.close")} />
              <Radio value="open" label={t("listing.structure.scenario.open")} />
            </Group>
          </Radio.Group>
          {kind === "close" ? (
            <Fieldset legend={t("listing.structure.scenario.close")}>
              <NativeSelect
                label={t("listing.structure.scenario.closedUnit")}
                value={closed}
                onChange={(e) => setClosed(e.currentTarget.value)}
                data={unitOptions}
              />
              <NativeSelect
                mt="sm"
                label={t("listing.structure.scenario.target")}
                value={target}
                onChange={(e) => setTarget(e.currentTarget.value)}
                data={[
                  { value: "nearest1", label: t("listing.structure.scenario.nearest") },
                  { value: "nearest2", label: t("listing.structure.scenario.nearestTwo") },
                  ...unitOptions.filter((o) => o.value !== closed),
                ]}
              />
            </Fieldset>
          ) : (
            <Fieldset legend={t("listing.structure.scenario.open")}>
              <TextInput
                required
                label={t("listing.structure.scenario.newName")}
                value={name}
                onChange={(e) => setName(e.currentTarget.value)}
              />
              <Group grow mt="sm">
                <NumberInput
                  label={t("listing.structure.scenario.lat")}
                  value={lat}
                  onChange={setLat}
                  decimalScale={4}
                />
                <NumberInput
                  label={t("listing.structure.scenario.lon")}
                  value={lon}
                  onChange={setLon}
                  decimalScale={4}
                />
              </Group>
              <NumberInput
                mt="sm"
                label={t("listing.structure.scenario.newFte")}
                value={fte}
                onChange={setFte}
                min={0}
                decimalScale={2}
              />
              <Group grow mt="sm">
                <NativeSelect
                  label={t("listing.structure.scenario.takesFrom")}
                  value={from1}
                  onChange={(e) => setFrom1(e.currentTarget.value)}
                  data={unitOptions}
                />
                <NumberInput
                  label={t("listing.structure.scenario.takesCount")}
                  value={count1}
                  onChange={setCount1}
                  min={0}
                />
              </Group>
              <Group grow mt="sm">
                <NativeSelect
                  label={t("listing.structure.scenario.takesFrom2")}
                  value={from2}
                  onChange={(e) => setFrom2(e.currentTarget.value)}
                  data={[{ value: "", label: t("listing.structure.scenario.none") }, ...unitOptions]}
                />
                <NumberInput
                  label={`${t("listing.structure.scenario.takesCount")} (2)`}
                  value={count2}
                  onChange={setCount2}
                  min={0}
                />
              </Group>
            </Fieldset>
          )}
          <Group>
            <Button type="submit" loading={scenario.isPending}>
              {t("listing.structure.scenario.run")}
            </Button>
          </Group>
        </Stack>
      </form>
      {scenario.isError ? (
        <Alert color="red" mt="md" title={t("listing.structure.scenario.failed")} role="alert">
          {errorMessage(scenario.error, t)}
        </Alert>
      ) : null}
      {result !== undefined ? (
        <Stack gap="sm" mt="md" aria-live="polite">
          <Title order={3}>
            {t("listing.structure.scenario.resultTitle", { month: formatMonth(result.month, language) })}
          </Title>
          <Text>
            {t("listing.structure.scenario.moved", {
              count: formatCount(result.movedListed, language),
              km: formatDecimal(result.meanMovedKm, language, 1),
            })}
          </Text>
          <Text size="sm">
            {result.basis === "approved-run"
              ? t("listing.structure.scenario.basisApproved")
              : t("listing.structure.scenario.basisInputs")}
          </Text>
          <Table striped captionSide="top">
            <Table.Caption>{t("listing.structure.scenario.movesCaption")}</Table.Caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t("listing.flows.from")}</Table.Th>
                <Table.Th scope="col">{t("listing.flows.to")}</Table.Th>
                <Table.Th scope="col">{t("listing.flows.count")}</Table.Th>
                <Table.Th scope="col">{t("listing.structure.scenario.km")}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {result.moves.map((m) => (
                <Table.Tr key={`${m.from}-${m.to}`}>
                  <Table.Td>{m.fromName}</Table.Td>
                  <Table.Td>{m.toName}</Table.Td>
                  <Table.Td>{formatCount(m.count, language)}</Table.Td>
                  <Table.Td>{formatDecimal(m.km, language, 1)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
          <Table striped captionSide="top">
            <Table.Caption>{t("listing.structure.scenario.unitsCaption")}</Table.Caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t("listing.unit")}</Table.Th>
                <Table.Th scope="col">
                  {t("listing.structure.listed")} {t("listing.structure.scenario.before")}
                </Table.Th>
                <Table.Th scope="col">
                  {t("listing.structure.listed")} {t("listing.structure.scenario.after")}
                </Table.Th>
                <Table.Th scope="col">
                  {t("listing.structure.listedPerSpecialist")} {t("listing.structure.scenario.before")}
                </Table.Th>
                <Table.Th scope="col">
                  {t("listing.structure.listedPerSpecialist")} {t("listing.structure.scenario.after")}
                </Table.Th>
                <Table.Th scope="col">
                  {t("listing.structure.payment")} {t("listing.structure.scenario.before")}
                </Table.Th>
                <Table.Th scope="col">
                  {t("listing.structure.payment")} {t("listing.structure.scenario.after")}
                </Table.Th>
                <Table.Th scope="col">{t("listing.structure.scenario.paymentDiff")}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {result.units.map((u) => (
                <Table.Tr key={u.hsaId}>
                  <Table.Th scope="row">{u.name}</Table.Th>
                  <Table.Td>{formatCount(u.listedBefore, language)}</Table.Td>
                  <Table.Td>{formatCount(u.listedAfter, language)}</Table.Td>
                  <Table.Td>{u.listedPerSpecialistBefore ?? "–"}</Table.Td>
                  <Table.Td>{u.listedPerSpecialistAfter ?? "–"}</Table.Td>
                  <Table.Td>{formatOre(u.paymentBeforeOre, { language: moneyLanguage })}</Table.Td>
                  <Table.Td>{formatOre(u.paymentAfterOre, { language: moneyLanguage })}</Table.Td>
                  <Table.Td>{formatOreDiff(u.paymentDiffOre, { language: moneyLanguage })}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
          <Text>
            {t("listing.structure.scenario.total", {
              before: formatOre(result.totalBeforeOre, { language: moneyLanguage }),
              after: formatOre(result.totalAfterOre, { language: moneyLanguage }),
            })}
          </Text>
          {result.units.some((u) => u.isNewUnit) ? (
            <Text size="sm">{t("listing.structure.scenario.newUnitNote")}</Text>
          ) : null}
        </Stack>
      ) : null}
    </section>
  );
}
