import { Radio, Stack, Text, TextInput } from "@mantine/core";
import { useDebouncedValue } from "@mantine/hooks";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { errorMessage } from "../../api/error-message.ts";
import { type PublicUnit, publicUnitsQuery } from "./api.ts";

/** Shorter input lists every unit of a region, which helps no one on a phone screen. */
const MIN_SEARCH_LENGTH = 2;

interface UnitChooserProps {
  /** The id of the radio group's wrapper; the error summary links here. */
  id: string;
  value: PublicUnit | null;
  onChange: (unit: PublicUnit) => void;
  error: string | null;
}

/**
 * Search by unit or kommun name, then choose among the matches with radio buttons: plain form controls
 * that work with a keyboard, a screen reader and a small touch screen alike (a combobox would not).
 */
export function UnitChooser({ id, value, onChange, error }: UnitChooserProps) {
  const { t } = useTranslation();
  const [text, setText] = useState("");
  const [debounced] = useDebouncedValue(text.trim(), 300);
  const searching = debounced.length >= MIN_SEARCH_LENGTH;
  const units = useQuery({
    ...publicUnitsQuery(debounced),
    enabled: searching,
    placeholderData: keepPreviousData,
  });

  // The chosen unit stays on the list while the resident searches again, so the choice never vanishes.
  const found = searching ? (units.data?.units ?? []) : [];
  const shown = value && !found.some((u) => u.hsaId === value.hsaId) ? [value, ...found] : found;

  return (
    <Stack gap="xs">
      <TextInput
        id={`${id}-search`}
        type="search"
        label={t("contact.form.unitSearch")}
        description={t("contact.form.unitSearchHint")}
        autoComplete="off"
        value={text}
        onChange={(event) => setText(event.currentTarget.value)}
        onKeyDown={(event) => {
          // Enter in the search box must not send the half-filled form.
          if (event.key === "Enter") event.preventDefault();
        }}
      />
      <Text role="status" size="sm" c="dimmed">
        {!searching
          ? ""
          : units.isError
            ? errorMessage(units.error, t)
            : units.isFetching && !units.data
              ? t("contact.form.unitSearching")
              : t("contact.form.unitMatches", { count: found.length })}
      </Text>
      <div id={id}>
        <Radio.Group
          label={t("contact.form.unit")}
          description={value === null ? t("contact.form.unitNoneChosen") : null}
          withAsterisk
          value={value?.hsaId ?? ""}
          onChange={(hsaId) => {
            const unit = shown.find((u) => u.hsaId === hsaId);
            if (unit) onChange(unit);
          }}
          error={error}
        >
          <Stack gap="sm" mt="xs">
            {shown.map((unit) => (
              <Radio
                key={unit.hsaId}
                value={unit.hsaId}
                label={unit.name}
                description={t("contact.form.unitKommun", { kommun: unit.kommunName })}
              />
            ))}
          </Stack>
        </Radio.Group>
      </div>
    </Stack>
  );
}
