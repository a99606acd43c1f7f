import { Paper, SimpleGrid, Text } from "@mantine/core";
import { useTranslation } from "react-i18next";
import type { WorklistCounters } from "./api.ts";

const SHOWN = ["received", "open", "answered", "overflow", "atRisk", "missed"] as const;

/** Today's counts for the unit; a list, so screen readers hear label and number together. */
export function CountersBar({ counters }: { counters: WorklistCounters }) {
  const { t } = useTranslation();
  return (
    <SimpleGrid
      component="ul"
      cols={{ base: 2, sm: 3, md: 6 }}
      spacing="sm"
      mb="md"
      p={0}
      style={{ listStyle: "none" }}
    >
      {SHOWN.map((key) => {
        const alarming = (key === "atRisk" || key === "missed") && counters[key] > 0;
        return (
          <Paper
            component="li"
            key={key}
            withBorder
            p="sm"
            radius="md"
            style={alarming ? { borderColor: "var(--mantine-color-red-9)", borderWidth: 2 } : undefined}
          >
            <Text size="sm" fw={600}>
              {alarming && <span aria-hidden="true">⚠ </span>}
              {t(`worklist.counters.${key}`)}
            </Text>
            <Text fz={28} fw={700} lh={1.2} data-counter={key}>
              {counters[key]}
            </Text>
          </Paper>
        );
      })}
    </SimpleGrid>
  );
}
