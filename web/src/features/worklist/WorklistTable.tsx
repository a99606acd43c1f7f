import { Button, Table, Text, VisuallyHidden } from "@mantine/core";
import type { TFunction } from "i18next";
import { useTranslation } from "react-i18next";
import { formatIdentityNumber } from "../contacts/identity-number.ts";
import { formatDay, formatTime } from "../contacts/time.ts";
import type { WorklistContact } from "./api.ts";
import { FlagBadges } from "./FlagBadges.tsx";
import { isUrgent } from "./worklist-rows.ts";

/** A tinted row with a bar at its start; the row's flags say the same in words and symbols. */
const URGENT_ROW = {
  background: "var(--mantine-color-red-0)",
  boxShadow: "inset 5px 0 0 var(--mantine-color-red-9)",
} as const;

export type WorklistColumns = "day" | "overflow" | "threeDay";

interface WorklistTableProps {
  caption: string;
  contacts: readonly WorklistContact[];
  columns: WorklistColumns;
  onOpen: (contact: WorklistContact) => void;
  emptyText: string;
}

/** "10:15–10:30", or "senast 17:00" when the contact has no callback slot. */
export function useDueText(): (contact: WorklistContact) => string {
  const { t, i18n } = useTranslation();
  const language = i18n.resolvedLanguage ?? "sv";
  return (contact) => {
    if (contact.slotStart && contact.slotEnd) {
      return `${formatTime(contact.slotStart, language)}–${formatTime(contact.slotEnd, language)}`;
    }
    return contact.deadline
      ? t("worklist.table.deadlineAt", { time: formatTime(contact.deadline, language) })
      : t("worklist.table.noDeadline");
  };
}

export function residentText(contact: WorklistContact, t: TFunction): string {
  const id = contact.identityNumber
    ? formatIdentityNumber(contact.identityNumber)
    : t("worklist.table.noIdentity");
  return contact.age === null ? id : t("worklist.table.resident", { id, age: contact.age });
}

export function WorklistTable({ caption, contacts, columns, onOpen, emptyText }: WorklistTableProps) {
  const { t, i18n } = useTranslation();
  const language = i18n.resolvedLanguage ?? "sv";
  const dueText = useDueText();
  const columnCount = columns === "day" ? 6 : 7;

  return (
    <Table.ScrollContainer minWidth={860}>
      <Table captionSide="top" verticalSpacing="sm" highlightOnHover>
        <Table.Caption>{caption}</Table.Caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">
              {columns === "threeDay" ? t("worklist.table.assessBy") : t("worklist.table.due")}
            </Table.Th>
            {columns !== "day" && <Table.Th scope="col">{t("worklist.table.unit")}</Table.Th>}
            <Table.Th scope="col">{t("worklist.table.status")}</Table.Th>
            <Table.Th scope="col">{t("worklist.table.residentColumn")}</Table.Th>
            <Table.Th scope="col">{t("worklist.table.description")}</Table.Th>
            <Table.Th scope="col">{t("worklist.table.attempts")}</Table.Th>
            <Table.Th scope="col">
              <VisuallyHidden>{t("worklist.table.actions")}</VisuallyHidden>
            </Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {contacts.length === 0 ? (
            <Table.Tr>
              <Table.Td colSpan={columnCount}>{emptyText}</Table.Td>
            </Table.Tr>
          ) : (
            contacts.map((contact) => (
              <Table.Tr
                key={contact.id}
                style={isUrgent(contact) ? URGENT_ROW : undefined}
                data-status={contact.status}
              >
                <Table.Th scope="row" fw={600} style={{ whiteSpace: "nowrap" }}>
                  {columns === "threeDay"
                    ? contact.assessmentDeadline
                      ? formatDay(contact.assessmentDeadline, language)
                      : "–"
                    : dueText(contact)}
                </Table.Th>
                {columns !== "day" && <Table.Td>{contact.unitName ?? contact.unitHsaId ?? ""}</Table.Td>}
                <Table.Td>
                  <FlagBadges contact={contact} />
                </Table.Td>
                <Table.Td style={{ whiteSpace: "nowrap" }}>{residentText(contact, t)}</Table.Td>
                <Table.Td maw={360}>
                  <Text size="sm" lineClamp={2}>
                    {t(`worklist.channel.${contact.channel}`)}
                    {contact.description ? `: ${contact.description}` : ""}
                  </Text>
                </Table.Td>
                <Table.Td>{contact.attempts}</Table.Td>
                <Table.Td>
                  <Button
                    size="xs"
                    variant="outline"
                    onClick={() => onOpen(contact)}
                    aria-label={t("worklist.table.openLabel", { resident: residentText(contact, t) })}
                  >
                    {t("worklist.table.open")}
                  </Button>
                </Table.Td>
              </Table.Tr>
            ))
          )}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
