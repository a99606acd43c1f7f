import {
  Alert,
  Button,
  Fieldset,
  FileInput,
  Group,
  NativeSelect,
  Progress,
  Stack,
  Table,
  Text,
  Title,
} from "@mantine/core";
import { useMutation, useQuery } from "@tanstack/react-query";
import { getRouteApi } from "@tanstack/react-router";
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { errorMessage } from "../../api/error-message.ts";
import type { Unit } from "../../api/types.ts";
import { LoadError } from "../shell/QueryStates.tsx";
import { importStatusQuery, startContactsImport } from "./api.ts";
import { formatCount } from "./format.ts";
import { RegionScopedPage } from "./RegionScope.tsx";
import type { ImportFormat, ImportStatus } from "./types.ts";

const route = getRouteApi("/_app/import");

export function ImportPage() {
  const { t } = useTranslation();
  const search = route.useSearch();
  const navigate = route.useNavigate();
  return (
    <RegionScopedPage
      title={t("stats.imports.title")}
      intro={t("stats.imports.intro")}
      requested={search.region}
      onRegionChange={(region) => void navigate({ search: { region } })}
    >
      {({ region, units }) => <ImportForm key={region.code} region={region.code} units={units} />}
    </RegionScopedPage>
  );
}

function ImportForm({ region, units }: { region: string; units: Unit[] }) {
  const { t } = useTranslation();
  const [file, setFile] = useState<File | null>(null);
  const [format, setFormat] = useState<ImportFormat>("vardnav-contacts-v1");
  const [unit, setUnit] = useState<string>("");
  const [missing, setMissing] = useState<"file" | "unit" | null>(null);
  const upload = useMutation({
    mutationFn: (input: { file: File; format: ImportFormat; unit: string | null }) =>
      startContactsImport(input.file, region, input.format, input.unit),
  });
  const collator = new Intl.Collator("sv", { sensitivity: "base" });
  const unitOptions = units
    .filter((u) => u.type !== "backup")
    .sort((a, b) => collator.compare(a.name, b.name))
    .map((u) => ({ value: u.hsaId, label: u.name }));

  function submit(event: FormEvent) {
    event.preventDefault();
    if (!file) return setMissing("file");
    if (format === "asterisk-queue-log" && unit === "") return setMissing("unit");
    setMissing(null);
    upload.mutate({ file, format, unit: format === "asterisk-queue-log" ? unit : null });
  }

  const importId = upload.data?.importId ?? null;
  return (
    <Stack gap="lg">
      <form onSubmit={submit} noValidate>
        <Fieldset legend={t("stats.imports.fileLegend")} maw={640}>
          <Stack gap="md">
            <NativeSelect
              label={t("stats.imports.format")}
              value={format}
              data={[
                { value: "vardnav-contacts-v1", label: t("stats.imports.formats.vardnav-contacts-v1") },
                { value: "asterisk-queue-log", label: t("stats.imports.formats.asterisk-queue-log") },
              ]}
              onChange={(event) =>
                setFormat(
                  event.currentTarget.value === "asterisk-queue-log"
                    ? "asterisk-queue-log"
                    : "vardnav-contacts-v1",
                )
              }
            />
            {format === "asterisk-queue-log" && (
              <NativeSelect
                label={t("stats.imports.unit")}
                description={t("stats.imports.unitHint")}
                value={unit}
                data={[{ value: "", label: t("stats.imports.chooseUnit") }, ...unitOptions]}
                onChange={(event) => setUnit(event.currentTarget.value)}
                error={missing === "unit" ? t("stats.imports.unitRequired") : undefined}
                required
              />
            )}
            <FileInput
              label={t("stats.imports.file")}
              description={t("stats.imports.fileHint")}
              value={file}
              onChange={setFile}
              accept={format === "asterisk-queue-log" ? ".log,.txt,text/plain" : ".csv,text/csv"}
              error={missing === "file" ? t("stats.imports.fileRequired") : undefined}
              clearable
              clearButtonProps={{ "aria-label": t("stats.imports.clearFile") }}
              required
            />
            <Group>
              <Button type="submit" loading={upload.isPending}>
                {t("stats.imports.submit")}
              </Button>
            </Group>
          </Stack>
        </Fieldset>
      </form>
      {upload.isError && (
        <Alert color="red" variant="outline" role="alert" title={t("stats.imports.uploadFailed")}>
          {errorMessage(upload.error, t)}
        </Alert>
      )}
      {importId !== null && <ImportProgress key={importId} importId={importId} />}
    </Stack>
  );
}

function ImportProgress({ importId }: { importId: string }) {
  const { t, i18n } = useTranslation();
  const language = i18n.resolvedLanguage ?? "sv";
  const status = useQuery(importStatusQuery(importId));
  if (status.isError) {
    return (
      <LoadError
        title={t("stats.imports.statusFailed")}
        error={status.error}
        onRetry={() => void status.refetch()}
      />
    );
  }
  const data = status.data;
  return (
    <section aria-labelledby="import-result-heading">
      <Title order={2} id="import-result-heading" mb="sm">
        {t("stats.imports.resultTitle")}
      </Title>
      {/* The status line is a live region: screen readers hear the progress and the end. */}
      <div role="status" aria-live="polite">
        {!data || data.status === "running" ? (
          <Stack gap="xs" maw={640}>
            <Text>{t("stats.imports.running", { read: formatCount(data?.read ?? 0, language) })}</Text>
            <Progress value={100} animated striped aria-hidden="true" />
          </Stack>
        ) : data.status === "failed" ? (
          <Alert color="red" variant="outline" title={t("stats.imports.failed")}>
            {data.error ?? t("stats.imports.failedText")}
          </Alert>
        ) : (
          <Text fw={700}>
            {data.rejected > 0 ? t("stats.imports.doneWithRejections") : t("stats.imports.done")}
          </Text>
        )}
      </div>
      {data && <ImportSummary status={data} />}
    </section>
  );
}

function ImportSummary({ status }: { status: ImportStatus }) {
  const { t, i18n } = useTranslation();
  const language = i18n.resolvedLanguage ?? "sv";
  const figures = [
    ["read", status.read],
    ["imported", status.imported],
    ["updated", status.updated],
    ["rejected", status.rejected],
  ] as const;
  return (
    <>
      <Table maw={420} mt="sm" captionSide="top">
        <Table.Caption>{t("stats.imports.summaryCaption")}</Table.Caption>
        <Table.Tbody>
          {figures.map(([key, value]) => (
            <Table.Tr key={key}>
              <Table.Th scope="row">{t(`stats.imports.summary.${key}`)}</Table.Th>
              <Table.Td ta="right">{formatCount(value, language)}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {status.rejections.length > 0 && (
        <>
          <Title order={3} mt="md" mb="xs">
            {t("stats.imports.rejectionsTitle")}
          </Title>
          <Table.ScrollContainer minWidth={480}>
            <Table striped captionSide="top">
              <Table.Caption>
                {status.rejected > status.rejections.length
                  ? t("stats.imports.rejectionsFirst", {
                      shown: formatCount(status.rejections.length, language),
                      total: formatCount(status.rejected, language),
                    })
                  : t("stats.imports.rejectionsAll")}
              </Table.Caption>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t("stats.imports.line")}</Table.Th>
                  <Table.Th scope="col">{t("stats.imports.reason")}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {status.rejections.map((rejection) => (
                  <Table.Tr key={`${rejection.line}:${rejection.reason}`}>
                    <Table.Td>{rejection.line}</Table.Td>
                    <Table.Td>{rejection.reason}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        </>
      )}
    </>
  );
}
