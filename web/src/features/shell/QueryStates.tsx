import { Alert, Button, Group, Loader, Text } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { errorMessage } from "../../api/error-message.ts";

/** A loading message that screen readers announce; the spinner itself is decoration. */
export function LoadingState({ label }: { label: string }) {
  return (
    <Group gap="sm" role="status" my="md">
      <Loader size="sm" aria-hidden />
      <Text>{label}</Text>
    </Group>
  );
}

/** A failed load: what failed, the reason in words, and a way to try again. */
export function LoadError({ title, error, onRetry }: { title: string; error: unknown; onRetry: () => void }) {
  const { t } = useTranslation();
  return (
    <Alert color="red" variant="outline" title={title} my="md">
      <Text mb="sm">{errorMessage(error, t)}</Text>
      <Button size="sm" variant="outline" color="red" onClick={onRetry}>
        {t("app.retry")}
      </Button>
    </Alert>
  );
}
