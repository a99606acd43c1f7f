import { Badge } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { ACCESSIBLE_COLORS } from "../../app/theme.ts";
import type { RunStatus } from "./api.ts";

// Status is always written out in words; the colour only repeats what the text says.

/** A status must be read in full: never cut to "Ej anv…" in a narrow column. */
const NO_TRUNCATION = {
  root: { overflow: "visible", height: "auto" },
  label: { overflow: "visible", whiteSpace: "nowrap" },
} as const;

export function RunStatusBadge({ status }: { status: RunStatus }) {
  const { t } = useTranslation();
  return status === "approved" ? (
    <Badge color={ACCESSIBLE_COLORS.green} variant="light" tt="none" styles={NO_TRUNCATION}>
      {t("reimbursement.status.approved")}
    </Badge>
  ) : (
    <Badge color="gray.8" variant="outline" tt="none" styles={NO_TRUNCATION}>
      {t("reimbursement.status.draft")}
    </Badge>
  );
}

export function LockedBadge({ locked }: { locked: boolean }) {
  const { t } = useTranslation();
  return locked ? (
    <Badge color="blue.9" variant="light" tt="none" styles={NO_TRUNCATION}>
      {t("reimbursement.models.locked")}
    </Badge>
  ) : (
    <Badge color="gray.8" variant="outline" tt="none" styles={NO_TRUNCATION}>
      {t("reimbursement.models.editable")}
    </Badge>
  );
}
