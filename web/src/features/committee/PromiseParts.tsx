import { Badge, Group, Text } from "@mantine/core";
import { useTranslation } from "react-i18next";
import type { PromiseView } from "./api.ts";
import { formatKronorText, formatPeriod, formatPromiseValue } from "./format.ts";

// Filled and dark: white text on these passes WCAG AA contrast (light variants do not).
const STATUS_COLOR = { met: "#1b5e20", not_met: "#b71c1c", no_data: "#424242" } as const;

/** Status in words and symbol (✓ ✗ ?), never colour alone. */
export function PromiseStatusBadge({ status }: { status: PromiseView["status"] }) {
  const { t } = useTranslation();
  return (
    <Badge color={STATUS_COLOR[status]} variant="filled" size="lg" style={{ textTransform: "none" }}>
      {t(`committee.status.${status}`)}
    </Badge>
  );
}

/** Target, latest figure (marked preliminary where it is), trend and projection of one promise. */
export function PromiseFigures({ promise }: { promise: PromiseView }) {
  const { t, i18n } = useTranslation();
  const language = i18n.resolvedLanguage ?? "sv";
  const target = t("committee.target", {
    comparison: t(`committee.comparison.${promise.target.comparison}`),
    value: formatPromiseValue(promise.target.value, promise.unit, language),
  });
  return (
    <Group gap="md" wrap="wrap">
      <PromiseStatusBadge status={promise.status} />
      <Text size="sm">{target}</Text>
      {promise.latest && (
        <Text size="sm">
          {t("committee.latest", {
            value: formatPromiseValue(promise.latest.value, promise.unit, language),
            period: formatPeriod(promise.latest.period, language),
          })}
          {promise.latest.preliminary ? ` (${t("committee.preliminary")})` : ""}
        </Text>
      )}
      {promise.trend && <Text size="sm">{t(`committee.trend.${promise.trend}`)}</Text>}
      {promise.projectedKronor !== null && (
        <Text size="sm">
          {t("committee.projected", { value: formatKronorText(promise.projectedKronor, language) })}
        </Text>
      )}
      {promise.status === "no_data" && (
        <Text size="sm" c="dimmed">
          {t("committee.missingHelp")}
        </Text>
      )}
    </Group>
  );
}
