import { Alert, Button, CopyButton, Group, Paper, Stack, Text, Title } from "@mantine/core";
import { Link } from "@tanstack/react-router";
import { useEffect, useRef } from "react";
import { useTranslation } from "react-i18next";
import { Page } from "../shell/Page.tsx";
import type { ContactReceipt } from "./api.ts";
import { promiseText } from "./contact-form.ts";
import { formatTime } from "./time.ts";

/** Shown in place of the form once the contact is stored: the promise and the private status link. */
export function ContactReceiptView({ receipt }: { receipt: ContactReceipt }) {
  const { t, i18n } = useTranslation();
  const language = i18n.resolvedLanguage ?? "sv";
  const headingRef = useRef<HTMLHeadingElement>(null);
  const statusUrl = `${window.location.origin}${receipt.statusPath}`;

  // The form the resident was in is gone: focus goes to the news that replaced it (WCAG 2.4.3).
  useEffect(() => {
    headingRef.current?.focus();
  }, []);

  return (
    <Page title={t("contact.receipt.title")} size={640}>
      <Stack gap="md">
        <Title order={2} ref={headingRef} tabIndex={-1} fz="h3">
          {t("contact.receipt.heading", { unit: receipt.unitName })}
        </Title>
        <Paper withBorder p="md" radius="md">
          <Text fz="xl" fw={700} data-testid="contact-promise">
            {promiseText(receipt, t, language)}
          </Text>
          <Text mt="xs">
            {t("contact.receipt.received", { time: formatTime(receipt.receivedAt, language) })}
          </Text>
        </Paper>
        {receipt.overflowed && (
          <Alert variant="outline" color="blue" title={t("contact.receipt.overflowTitle")}>
            {t("contact.receipt.overflow")}
          </Alert>
        )}
        <Text>{t("contact.receipt.phoneNote")}</Text>
        <Title order={2} fz="h4">
          {t("contact.receipt.followTitle")}
        </Title>
        <Text>{t("contact.receipt.followText")}</Text>
        <Group gap="sm" wrap="wrap">
          <Link to="/kontakt/status/$token" params={{ token: receipt.statusToken }}>
            {t("contact.receipt.statusLink")}
          </Link>
        </Group>
        <Text size="sm" style={{ overflowWrap: "anywhere" }}>
          {statusUrl}
        </Text>
        <CopyButton value={statusUrl}>
          {({ copied, copy }) => (
            <Group gap="sm">
              <Button variant="outline" onClick={copy}>
                {t("contact.receipt.copy")}
              </Button>
              <Text size="sm" role="status">
                {copied ? t("contact.receipt.copied") : ""}
              </Text>
            </Group>
          )}
        </CopyButton>
      </Stack>
    </Page>
  );
}
