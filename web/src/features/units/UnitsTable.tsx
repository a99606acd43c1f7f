import { Table } from "@mantine/core";
import { useTranslation } from "react-i18next";
import type { Region, Unit } from "../../api/types.ts";
import { formatWindows } from "./phone-hours.ts";

const COLUMN_COUNT = 6;

function useTodayPhoneHours(): (today: Unit["today"]) => string {
  const { t } = useTranslation();
  return (today) => {
    if (!today.open) {
      return today.closedReason
        ? t("units.closedTodayBecause", { reason: today.closedReason })
        : t("units.closedToday");
    }
    return today.phoneHours.length > 0 ? formatWindows(today.phoneHours) : t("units.noPhoneHoursToday");
  };
}

/** "måndag 2 mars 2026" from "2026-03-02", read as a calendar date (no time zone shift). */
function useLongDate(): (isoDate: string) => string {
  const { i18n } = useTranslation();
  return (isoDate) => {
    const date = new Date(`${isoDate}T12:00:00Z`);
    if (Number.isNaN(date.getTime())) return isoDate;
    return new Intl.DateTimeFormat(i18n.resolvedLanguage, { dateStyle: "full", timeZone: "UTC" }).format(
      date,
    );
  };
}

interface UnitsTableProps {
  region: Region;
  units: readonly Unit[];
  /** The date the server computed "today" for (YYYY-MM-DD), or null when there are no units. */
  date: string | null;
}

export function UnitsTable({ region, units, date }: UnitsTableProps) {
  const { t } = useTranslation();
  const phoneHours = useTodayPhoneHours();
  const longDate = useLongDate();
  return (
    <Table.ScrollContainer minWidth={880}>
      <Table striped highlightOnHover captionSide="top" verticalSpacing="sm">
        <Table.Caption>
          {t("units.caption", { region: region.name, date: date ? longDate(date) : "" })}
        </Table.Caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t("units.columns.name")}</Table.Th>
            <Table.Th scope="col">{t("units.columns.type")}</Table.Th>
            <Table.Th scope="col">{t("units.columns.ownership")}</Table.Th>
            <Table.Th scope="col">{t("units.columns.provider")}</Table.Th>
            <Table.Th scope="col">{t("units.columns.kommun")}</Table.Th>
            <Table.Th scope="col">{t("units.columns.phoneHours")}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {units.length === 0 ? (
            <Table.Tr>
              <Table.Td colSpan={COLUMN_COUNT}>{t("units.noMatch")}</Table.Td>
            </Table.Tr>
          ) : (
            units.map((unit) => (
              <Table.Tr key={unit.hsaId}>
                <Table.Th scope="row" fw={600}>
                  {unit.name}
                </Table.Th>
                <Table.Td>{t(`units.unitType.${unit.type}`)}</Table.Td>
                <Table.Td>{t(`units.ownershipType.${unit.ownership}`)}</Table.Td>
                <Table.Td>{unit.provider.name}</Table.Td>
                <Table.Td>{unit.kommun.name}</Table.Td>
                <Table.Td>{phoneHours(unit.today)}</Table.Td>
              </Table.Tr>
            ))
          )}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
