import { Alert, Button, Container, Group, Loader, Text } from "@mantine/core";
import { type ErrorComponentProps, Link, useRouter } from "@tanstack/react-router";
import { useTranslation } from "react-i18next";
import { errorMessage } from "../../api/error-message.ts";
import { Page } from "./Page.tsx";

export function NotFoundPage() {
  const { t } = useTranslation();
  return (
    <Page title={t("app.notFoundTitle")}>
      <Text mb="md">{t("app.notFoundText")}</Text>
      <Link to="/">{t("app.toStart")}</Link>
    </Page>
  );
}

/** The start page of a role that has no pages yet (every role has at least one today). */
export function NoPagesPage() {
  const { t } = useTranslation();
  return (
    <Page title={t("app.name")}>
      <Text>{t("app.noPages")}</Text>
    </Page>
  );
}

/** A route that failed to load, e.g. the server could not be reached while the session was checked. */
export function ErrorPage({ error }: ErrorComponentProps) {
  const { t } = useTranslation();
  const router = useRouter();
  return (
    <Page title={t("app.pageError")}>
      <Alert color="red" variant="outline" mb="md">
        {errorMessage(error, t)}
      </Alert>
      <Button onClick={() => void router.invalidate()}>{t("app.retry")}</Button>
    </Page>
  );
}

export function PendingPage() {
  const { t } = useTranslation();
  return (
    <Container component="main" id="main" tabIndex={-1} size="xl" py="lg">
      <Group gap="sm" role="status">
        <Loader size="sm" aria-hidden />
        <Text>{t("app.loading")}</Text>
      </Group>
    </Container>
  );
}
