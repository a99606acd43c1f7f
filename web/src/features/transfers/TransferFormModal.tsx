import {
  Alert,
  Button,
  Checkbox,
  Group,
  Modal,
  NativeSelect,
  Radio,
  SimpleGrid,
  Stack,
  TextInput,
} from "@mantine/core";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { isApiError } from "../../api/client.ts";
import { errorMessage } from "../../api/error-message.ts";
import { unitsQuery } from "../units/api.ts";
import {
  createTransfer,
  TRANSFER_STATUSES,
  TRANSFERS_KEY,
  type TransferStatus,
  type TransferView,
  updateTransfer,
} from "./api.ts";
import {
  buildBody,
  editBody,
  emptyValues,
  type FieldProblem,
  type FormField,
  type FormValues,
  fieldOfIssuePath,
  valuesOf,
} from "./form.ts";

interface TransferFormModalProps {
  region: string;
  /** null: a new transfer. */
  transfer: TransferView | null;
  onClose: () => void;
  onSaved: (saved: TransferView) => void;
}

const fieldId = (field: FormField) => `transfer-${field}`;

/** The region admin's form: a new transfer, or the next version of an existing one. */
export function TransferFormModal({ region, transfer, onClose, onSaved }: TransferFormModalProps) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const units = useQuery(unitsQuery(region));
  const [values, setValues] = useState<FormValues>(() =>
    transfer === null ? emptyValues(new Date().toISOString().slice(0, 10)) : valuesOf(transfer),
  );
  const [problems, setProblems] = useState<{ field: FormField | null; message: string }[]>([]);
  const summary = useRef<HTMLDivElement>(null);
  const label = (field: FormField) => t(`transfers.form.${field}`);
  const problemText = (p: FieldProblem) => t(`transfers.form.${p.kind}`, { field: label(p.field) });

  const save = useMutation({
    mutationFn: async (values: FormValues) => {
      const built = buildBody(values);
      if (!built.ok) throw built.problems;
      return transfer === null
        ? createTransfer(region, built.body)
        : updateTransfer(region, transfer.id, editBody(built.body));
    },
    onSuccess: (saved) => {
      void queryClient.invalidateQueries({ queryKey: TRANSFERS_KEY });
      onSaved(saved);
    },
    onError: (error) => {
      if (Array.isArray(error)) {
        setProblems((error as FieldProblem[]).map((p) => ({ field: p.field, message: problemText(p) })));
      } else if (isApiError(error) && error.code === "validation_failed") {
        const issues =
          (error.details as { issues?: { path: string; message: string }[] } | null)?.issues ?? [];
        setProblems(
          issues.map((i) => ({ field: fieldOfIssuePath(i.path), message: `${i.path}: ${i.message}` })),
        );
      } else {
        setProblems([{ field: null, message: errorMessage(error, t) }]);
      }
      // The summary takes focus so the list of errors is read out first (WCAG 3.3.1).
      requestAnimationFrame(() => summary.current?.focus());
    },
  });

  const errorOf = (field: FormField) => {
    const found = problems.filter((p) => p.field === field);
    return found.length === 0 ? null : found.map((p) => p.message).join(" ");
  };
  const set = <K extends keyof FormValues>(key: K, value: FormValues[K]) =>
    setValues((prev) => ({ ...prev, [key]: value }));
  const text = (
    field: Exclude<FormField, "status" | "units">,
    extra: { description?: string; type?: string } = {},
  ) => (
    <TextInput
      id={fieldId(field)}
      label={label(field)}
      description={extra.description}
      type={extra.type}
      value={values[field]}
      onChange={(event) => set(field, event.currentTarget.value)}
      error={errorOf(field)}
      disabled={field === "id" && transfer !== null}
    />
  );
  const listingUnits = (units.data ?? []).filter((u) => u.type !== "backup");

  return (
    <Modal
      opened
      onClose={onClose}
      closeButtonProps={{ "aria-label": t("transfers.close") }}
      size="xl"
      title={
        transfer === null
          ? t("transfers.form.newTitle")
          : t("transfers.form.editTitle", { title: transfer.title })
      }
    >
      <Stack
        component="form"
        gap="md"
        onSubmit={(event) => {
          event.preventDefault();
          setProblems([]);
          save.mutate(values);
        }}
      >
        {problems.length > 0 ? (
          <Alert
            ref={summary}
            tabIndex={-1}
            color="red"
            variant="outline"
            title={
              save.error !== null && !Array.isArray(save.error) && !isApiError(save.error)
                ? t("transfers.form.saveFailed")
                : t("transfers.form.errorsTitle", { count: problems.length })
            }
          >
            <ul style={{ margin: 0, paddingInlineStart: "1.2em" }}>
              {problems.map((p) => (
                <li key={`${p.field}:${p.message}`}>
                  {p.field === null ? p.message : <a href={`#${fieldId(p.field)}`}>{p.message}</a>}
                </li>
              ))}
            </ul>
          </Alert>
        ) : null}
        {text("id", { description: t("transfers.form.idHint") })}
        {text("title")}
        {text("fromClinic")}
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <NativeSelect
            id={fieldId("status")}
            label={label("status")}
            value={values.status}
            data={TRANSFER_STATUSES.map((s) => ({ value: s, label: t(`transfers.statuses.${s}`) }))}
            onChange={(event) => set("status", event.currentTarget.value as TransferStatus)}
            error={errorOf("status")}
          />
          {text("decisionRef")}
          {text("decidedOn", { type: "date" })}
          {text("component", { description: t("transfers.form.componentHint") })}
          {text("from", { description: t("transfers.form.monthHint") })}
          {text("to", { description: `${t("transfers.form.monthHint")}. ${t("transfers.form.toHint")}` })}
          {text("expectedAnnualVolume")}
          {text("volumeUnit", { description: t("transfers.form.volumeUnitHint") })}
          {text("estimatedAnnualCost", { description: t("transfers.form.amountHint") })}
          {text("annualCompensation", { description: t("transfers.form.amountHint") })}
        </SimpleGrid>
        <Radio.Group
          id={fieldId("units")}
          label={t("transfers.form.unitsLegend")}
          value={values.unitsMode}
          onChange={(value) => set("unitsMode", value === "chosen" ? "chosen" : "all")}
          error={errorOf("units")}
        >
          <Group mt="xs">
            <Radio value="all" label={t("transfers.form.unitsAll")} />
            <Radio value="chosen" label={t("transfers.form.unitsChosen")} />
          </Group>
        </Radio.Group>
        {values.unitsMode === "chosen" ? (
          <Checkbox.Group
            label={t("transfers.form.unitsChosen")}
            value={values.units}
            onChange={(chosen) => set("units", chosen)}
          >
            <SimpleGrid cols={{ base: 1, sm: 2 }} mt="xs">
              {listingUnits.map((unit) => (
                <Checkbox key={unit.hsaId} value={unit.hsaId} label={unit.name} />
              ))}
            </SimpleGrid>
          </Checkbox.Group>
        ) : null}
        <Group>
          <Button type="submit" loading={save.isPending}>
            {t("transfers.form.save")}
          </Button>
          <Button variant="outline" onClick={onClose}>
            {t("transfers.form.cancel")}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
