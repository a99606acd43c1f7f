import { Badge, Card, Code, Group, List, Table, Text, Title } from "@mantine/core";
import { useTranslation } from "react-i18next";
import type { ModelComponent } from "./api.ts";
import { formatDecimalText, formatKronorText, formatRateText, type MoneyLanguage } from "./money.ts";

interface ComponentProps<T extends ModelComponent["type"]> {
  component: Extract<ModelComponent, { type: T }>;
  language: MoneyLanguage;
  unitName: (hsaId: string) => string | undefined;
}

/** One model component with its parameters in words and tables, as a region admin reads a budget. */
export function ModelComponentCard({
  component,
  language,
  unitName,
}: {
  component: ModelComponent;
  language: MoneyLanguage;
  unitName: (hsaId: string) => string | undefined;
}) {
  const { t } = useTranslation();
  const headingId = `component-${component.id}`;
  return (
    <Card withBorder component="section" aria-labelledby={headingId} padding="lg">
      <Group justify="space-between" align="flex-start" mb="sm">
        <div>
          <Title order={2} id={headingId} fz="h3">
            {component.label}
          </Title>
          <Text fz="sm" c="dimmed">
            {t("reimbursement.model.componentId")} <Code>{component.id}</Code>
          </Text>
        </div>
        <Badge variant="outline" color="gray.8" tt="none">
          {t(`reimbursement.model.types.${component.type}`)}
        </Badge>
      </Group>
      {component.type === "capitation" ? (
        <Capitation component={component} language={language} unitName={unitName} />
      ) : component.type === "pool" ? (
        <Pool component={component} language={language} unitName={unitName} />
      ) : component.type === "perEvent" ? (
        <PerEvent component={component} language={language} unitName={unitName} />
      ) : (
        <Grants component={component} language={language} unitName={unitName} />
      )}
    </Card>
  );
}

function Capitation({ component, language }: ComponentProps<"capitation">) {
  const { t } = useTranslation();
  const indices = component.indices ?? [];
  return (
    <>
      <Text mb="xs">
        {t("reimbursement.model.capitation.price", {
          price: formatKronorText(component.annualPricePerPoint, language),
        })}
      </Text>
      <Text mb="sm">
        {indices.length > 0
          ? t("reimbursement.model.capitation.indices", {
              indices: indices.map((i) => i.toUpperCase()).join(", "),
            })
          : t("reimbursement.model.capitation.noIndices")}
      </Text>
      <Table withTableBorder captionSide="top" maw={420}>
        <Table.Caption>{t("reimbursement.model.capitation.weightsCaption")}</Table.Caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t("reimbursement.model.capitation.ages")}</Table.Th>
            <Table.Th scope="col" ta="right">
              {t("reimbursement.model.capitation.weight")}
            </Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {component.ageWeights.map((band) => (
            <Table.Tr key={band.from}>
              <Table.Th scope="row" fw={400}>
                {band.to === null
                  ? t("reimbursement.model.capitation.agesFrom", { from: band.from })
                  : t("reimbursement.model.capitation.agesRange", { from: band.from, to: band.to })}
              </Table.Th>
              <Table.Td ta="right">{formatDecimalText(band.weight, language)}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </>
  );
}

function Pool({ component, language }: ComponentProps<"pool">) {
  const { t } = useTranslation();
  return (
    <List spacing={4}>
      <List.Item>
        {t("reimbursement.model.pool.amount", { amount: formatKronorText(component.annualAmount, language) })}
      </List.Item>
      <List.Item>
        {t("reimbursement.model.pool.key", { key: t(`reimbursement.model.keys.${component.key}`) })}
      </List.Item>
      {component.minRuralPoints !== undefined ? (
        <List.Item>
          {t("reimbursement.model.pool.minRuralPoints", {
            points: formatDecimalText(String(component.minRuralPoints), language),
          })}
        </List.Item>
      ) : null}
      {component.sameDayThreshold !== undefined ? (
        <List.Item>
          {t("reimbursement.model.pool.sameDayThreshold", {
            threshold: formatRateText(component.sameDayThreshold, language),
          })}
        </List.Item>
      ) : null}
      <List.Item>{t("reimbursement.model.pool.split")}</List.Item>
    </List>
  );
}

function PerEvent({ component, language }: ComponentProps<"perEvent">) {
  const { t } = useTranslation();
  return (
    <List spacing={4}>
      <List.Item>
        {t("reimbursement.model.perEvent.price", {
          price: formatKronorText(component.price, language),
          event: t(`reimbursement.model.events.${component.event}`),
        })}
      </List.Item>
      <List.Item>
        {component.annualBudget === undefined
          ? t("reimbursement.model.perEvent.noBudget")
          : t("reimbursement.model.perEvent.budget", {
              budget: formatKronorText(component.annualBudget, language),
            })}
      </List.Item>
    </List>
  );
}

function Grants({ component, language, unitName }: ComponentProps<"grant">) {
  const { t } = useTranslation();
  return (
    <Table.ScrollContainer minWidth={560}>
      <Table withTableBorder captionSide="top">
        <Table.Caption>{t("reimbursement.model.grant.caption")}</Table.Caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t("reimbursement.model.grant.recipient")}</Table.Th>
            <Table.Th scope="col" ta="right">
              {t("reimbursement.model.grant.annualAmount")}
            </Table.Th>
            <Table.Th scope="col">{t("reimbursement.model.grant.period")}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {component.grants.length === 0 ? (
            <Table.Tr>
              <Table.Td colSpan={3}>{t("reimbursement.model.grant.none")}</Table.Td>
            </Table.Tr>
          ) : (
            component.grants.map((grant) => (
              <Table.Tr key={`${grant.unit}:${grant.from}`}>
                <Table.Th scope="row" fw={400}>
                  {unitName(grant.unit) ?? grant.unit}
                  <Text fz="sm" c="dimmed">
                    {grant.unit}
                  </Text>
                </Table.Th>
                <Table.Td ta="right" style={{ whiteSpace: "nowrap" }}>
                  {formatKronorText(grant.annualAmount, language)}
                </Table.Td>
                <Table.Td>{`${grant.from} – ${grant.to}`}</Table.Td>
              </Table.Tr>
            ))
          )}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
