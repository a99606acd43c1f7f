import { Alert, Button, Code, FileInput, Group, List, NativeSelect, Stack, Text } from "@mantine/core";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { errorMessage } from "../../api/error-message.ts";
import { type ModelSummary, uploadModel } from "./api.ts";
import { validationIssues } from "./upload-issues.ts";

class InvalidJsonFile extends Error {}

async function readJson(file: File): Promise<unknown> {
  const text = await file.text();
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new InvalidJsonFile(error instanceof Error ? error.message : String(error));
  }
}

/** "" keeps what the file says (payment when it says nothing); a scenario is never picked for a payment run. */
type PurposeChoice = "" | "payment" | "scenario";

function toPurposeChoice(value: string): PurposeChoice {
  return value === "payment" || value === "scenario" ? value : "";
}

/** The file's model with the chosen purpose; anything that is not a JSON object goes as it is (the server names the problem). */
function withPurpose(model: unknown, purpose: PurposeChoice): unknown {
  if (purpose === "" || typeof model !== "object" || model === null || Array.isArray(model)) return model;
  return { ...model, purpose };
}

/** Uploads a model file (FORMATS.md shape); the server makes it a new version when the model id exists. */
export function ModelUpload({ region }: { region: string }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [file, setFile] = useState<File | null>(null);
  const [purpose, setPurpose] = useState<PurposeChoice>("");
  const upload = useMutation({
    mutationFn: async (chosen: File) => uploadModel(region, withPurpose(await readJson(chosen), purpose)),
    onSuccess: async () => {
      setFile(null);
      await queryClient.invalidateQueries({ queryKey: ["reimbursement", "models"] });
    },
  });

  return (
    <Stack
      component="form"
      gap="sm"
      aria-labelledby="model-upload-heading"
      onSubmit={(event) => {
        event.preventDefault();
        if (file) upload.mutate(file);
      }}
    >
      <Text id="model-upload-heading" fw={700}>
        {t("reimbursement.upload.title")}
      </Text>
      <Group align="flex-end" gap="md">
        <FileInput
          label={t("reimbursement.upload.file")}
          description={t("reimbursement.upload.fileHint")}
          placeholder={t("reimbursement.upload.choose")}
          accept="application/json,.json"
          value={file}
          onChange={(chosen) => {
            setFile(chosen);
            upload.reset();
          }}
          clearable
          w={{ base: "100%", sm: 360 }}
        />
        <NativeSelect
          label={t("reimbursement.upload.purpose")}
          value={purpose}
          data={[
            { value: "", label: t("reimbursement.upload.purposeFromFile") },
            { value: "payment", label: t("reimbursement.models.purposes.payment") },
            { value: "scenario", label: t("reimbursement.models.purposes.scenario") },
          ]}
          onChange={(event) => setPurpose(toPurposeChoice(event.currentTarget.value))}
          w={{ base: "100%", sm: 260 }}
        />
        <Button type="submit" disabled={file === null} loading={upload.isPending}>
          {t("reimbursement.upload.submit")}
        </Button>
      </Group>
      <div role="status" aria-live="polite">
        {upload.isSuccess ? <UploadDone model={upload.data} /> : null}
      </div>
      {upload.isError ? <UploadFailed error={upload.error} /> : null}
    </Stack>
  );
}

function UploadDone({ model }: { model: ModelSummary }) {
  const { t } = useTranslation();
  return (
    <Alert color="green" variant="outline" title={t("reimbursement.upload.done")}>
      {t("reimbursement.upload.doneText", { modelId: model.modelId, version: model.version })}
    </Alert>
  );
}

function UploadFailed({ error }: { error: unknown }) {
  const { t } = useTranslation();
  if (error instanceof InvalidJsonFile) {
    return (
      <Alert color="red" variant="outline" role="alert" title={t("reimbursement.upload.failed")}>
        {t("reimbursement.upload.notJson", { reason: error.message })}
      </Alert>
    );
  }
  const issues = validationIssues(error);
  return (
    <Alert color="red" variant="outline" role="alert" title={t("reimbursement.upload.failed")}>
      <Text mb={issues.length > 0 ? "xs" : 0}>
        {issues.length > 0 ? t("reimbursement.upload.invalid") : errorMessage(error, t)}
      </Text>
      {issues.length > 0 ? (
        <>
          <Text fw={700}>{t("reimbursement.upload.issues", { count: issues.length })}</Text>
          <List size="sm" spacing={4}>
            {issues.map((issue) => (
              <List.Item key={`${issue.input ?? ""}:${issue.path}:${issue.message}`}>
                <Code>{issue.path}</Code> {issue.message}
              </List.Item>
            ))}
          </List>
        </>
      ) : null}
    </Alert>
  );
}
