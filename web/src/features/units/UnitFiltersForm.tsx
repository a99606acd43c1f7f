import { Button, Group, NativeSelect, TextInput } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { OWNERSHIPS, type Ownership, UNIT_TYPES, type UnitType } from "../../api/types.ts";
import { hasFilters, NO_FILTERS, type UnitFilters } from "./unit-filters.ts";

interface UnitFiltersFormProps {
  filters: UnitFilters;
  kommuner: readonly { code: string; name: string }[];
  onChange: (filters: UnitFilters) => void;
}

function orNull<T extends string>(value: string, allowed: readonly T[]): T | null {
  return (allowed as readonly string[]).includes(value) ? (value as T) : null;
}

/** Filters apply as the user types or chooses; there is nothing to submit. */
export function UnitFiltersForm({ filters, kommuner, onChange }: UnitFiltersFormProps) {
  const { t } = useTranslation();
  const all = { value: "", label: t("units.all") };
  const kommunCodes = kommuner.map((k) => k.code);

  return (
    <Group
      component="form"
      role="search"
      aria-label={t("units.filters")}
      onSubmit={(event) => event.preventDefault()}
      align="flex-end"
      gap="md"
      wrap="wrap"
    >
      <TextInput
        type="search"
        label={t("units.search")}
        description={t("units.searchHint")}
        value={filters.text}
        onChange={(event) => onChange({ ...filters, text: event.currentTarget.value })}
        w={{ base: "100%", sm: 320 }}
      />
      <NativeSelect
        label={t("units.type")}
        value={filters.type ?? ""}
        data={[all, ...UNIT_TYPES.map((type) => ({ value: type, label: t(`units.unitType.${type}`) }))]}
        onChange={(event) =>
          onChange({ ...filters, type: orNull<UnitType>(event.currentTarget.value, UNIT_TYPES) })
        }
      />
      <NativeSelect
        label={t("units.ownership")}
        value={filters.ownership ?? ""}
        data={[all, ...OWNERSHIPS.map((o) => ({ value: o, label: t(`units.ownershipType.${o}`) }))]}
        onChange={(event) =>
          onChange({ ...filters, ownership: orNull<Ownership>(event.currentTarget.value, OWNERSHIPS) })
        }
      />
      <NativeSelect
        label={t("units.kommun")}
        value={filters.kommun ?? ""}
        data={[all, ...kommuner.map((k) => ({ value: k.code, label: k.name }))]}
        onChange={(event) => onChange({ ...filters, kommun: orNull(event.currentTarget.value, kommunCodes) })}
      />
      <Button variant="default" onClick={() => onChange(NO_FILTERS)} disabled={!hasFilters(filters)}>
        {t("units.clearFilters")}
      </Button>
    </Group>
  );
}
