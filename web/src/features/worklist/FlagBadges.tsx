import { Badge, Group } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { ACCESSIBLE_COLORS } from "../../app/theme.ts";
import { formatShortDay } from "../contacts/time.ts";
import type { WorklistContact } from "./api.ts";
import { type RowFlag, rowFlags } from "./worklist-rows.ts";

/** A symbol and a word for every flag: colour only repeats what they say (WCAG 1.4.1). Every colour has
 * at least 4.5:1 against white (ACCESSIBLE_COLORS where Mantine's shades fall short). */
const FLAG_LOOK: Record<RowFlag, { symbol: string; color: string; variant: "filled" | "outline" | "light" }> =
  {
    missed: { symbol: "✕", color: "red.9", variant: "filled" },
    atRisk: { symbol: "⚠", color: "red.9", variant: "filled" },
    overflow: { symbol: "⇪", color: ACCESSIBLE_COLORS.orange, variant: "outline" },
    transferred: { symbol: "→", color: "gray.8", variant: "outline" },
    newProblem: { symbol: "✚", color: "grape.9", variant: "outline" },
    claimed: { symbol: "☎", color: "blue.9", variant: "outline" },
    closed: { symbol: "✓", color: ACCESSIBLE_COLORS.green, variant: "outline" },
  };

export function FlagBadges({ contact }: { contact: WorklistContact }) {
  const { t, i18n } = useTranslation();
  const flags = rowFlags(contact);
  if (flags.length === 0) return null;
  return (
    <Group gap={4} wrap="wrap">
      {flags.map((flag) => {
        const look = FLAG_LOOK[flag];
        return (
          <Badge
            key={flag}
            color={look.color}
            variant={look.variant}
            radius="sm"
            tt="none"
            leftSection={<span aria-hidden="true">{look.symbol}</span>}
          >
            {flag === "claimed" && contact.claimedBy
              ? t("worklist.flags.claimedBy", { name: contact.claimedBy.displayName })
              : flag === "newProblem" && contact.assessmentDeadline
                ? t("worklist.flags.newProblemUntil", {
                    date: formatShortDay(contact.assessmentDeadline, i18n.resolvedLanguage ?? "sv"),
                  })
                : t(`worklist.flags.${flag}`)}
          </Badge>
        );
      })}
    </Group>
  );
}
