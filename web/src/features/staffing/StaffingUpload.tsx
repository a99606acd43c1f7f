import { Alert, Button, FileInput, Group, Progress, Stack, Table, Text, Title } from "@mantine/core";
import { useMutation } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { errorMessage } from "../../api/error-message.ts";
import { type StaffingImportSummaryDto, uploadStaffingFile } from "./api.ts";

// The region admin's staffing upload: the bar follows the bytes sent (XMLHttpRequest upload progress),
// then the summary and each rejected line with its reason.

export function StaffingUpload({ region }: { region: string }) {
  const { t } = useTranslation();
  const [file, setFile] = useState<File | null>(null);
  const [missing, setMissing] = useState(false);
  const [progress, setProgress] = useState(0);
  const upload = useMutation({
    mutationFn: (f: File) => uploadStaffingFile(region, f, setProgress),
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!file) return setMissing(true);
    setMissing(false);
    setProgress(0);
    upload.mutate(file);
  };
  const summary: StaffingImportSummaryDto | undefined = upload.data;
  return (
    <section aria-labelledby="staffing-upload-heading">
      <Title order={2} id="staffing-upload-heading" mb="xs">
        {t("staffing.uploadTitle")}
      </Title>
      <form onSubmit={submit} noValidate>
        <Stack maw={640}>
          <FileInput
            label={t("staffing.uploadFile")}
            description={t("staffing.uploadHelp")}
            value={file}
            onChange={setFile}
            accept=".csv,text/csv"
            error={missing ? t("staffing.fileRequired") : undefined}
            clearable
            clearButtonProps={{ "aria-label": t("staffing.clearFile") }}
          />
          <Group>
            <Button type="submit" loading={upload.isPending}>
              {t("staffing.uploadSubmit")}
            </Button>
          </Group>
          {(upload.isPending || summary) && (
            <Progress value={Math.round(progress * 100)} aria-label={t("staffing.uploadProgress")} />
          )}
        </Stack>
      </form>
      {upload.isError && (
        <Alert color="red" mt="sm" role="alert">
          {errorMessage(upload.error, t)}
        </Alert>
      )}
      {summary && (
        <Stack mt="sm" role="status">
          <Text>{t("staffing.uploadDone", summary)}</Text>
          {summary.rejections.length > 0 && (
            <Table>
              <Table.Caption>{t("staffing.uploadRejected")}</Table.Caption>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t("staffing.line")}</Table.Th>
                  <Table.Th scope="col">{t("staffing.reason")}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {summary.rejections.map((r) => (
                  <Table.Tr key={r.line}>
                    <Table.Td>{r.line}</Table.Td>
                    <Table.Td>{r.reason}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          )}
        </Stack>
      )}
    </section>
  );
}
