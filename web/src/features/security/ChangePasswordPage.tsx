import { Alert, Button, PasswordInput, Stack, Text } from "@mantine/core";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useRouter } from "@tanstack/react-router";
import { type FormEvent, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { isApiError } from "../../api/client.ts";
import { errorMessage } from "../../api/error-message.ts";
import type { Session } from "../../api/types.ts";
import { sessionQuery } from "../auth/session.ts";
import { Page } from "../shell/Page.tsx";
import { changePassword } from "./api.ts";

type Problem = "mismatch" | "too_short" | "too_weak" | "known" | "wrongCurrent" | "noPassword";

/** The Swedish (or English) sentence for a refusal the server explains in its details. */
function problemOf(error: unknown): Problem | null {
  if (!isApiError(error)) return null;
  if (error.code === "invalid_credentials") return "wrongCurrent";
  if (error.code === "conflict") return "noPassword";
  const reason = (error.details as { reason?: unknown } | null)?.reason;
  return reason === "too_short" || reason === "too_weak" || reason === "known" ? reason : null;
}

/**
 * `/byt-losenord`: the signed-in user's own password. An account an administrator created comes here at
 * its first sign-in and cannot leave before it has chosen a password (router.tsx; the server enforces it).
 */
export function ChangePasswordPage() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const router = useRouter();
  const { data: session } = useQuery(sessionQuery);
  const forced = session?.mustChangePassword === true;
  const [current, setCurrent] = useState("");
  const [next, setNext] = useState("");
  const [repeat, setRepeat] = useState("");
  const [mismatch, setMismatch] = useState(false);
  const resultRef = useRef<HTMLDivElement>(null);

  const save = useMutation({
    mutationFn: () => changePassword({ currentPassword: current, newPassword: next }),
    onSuccess: () => {
      setCurrent("");
      setNext("");
      setRepeat("");
      if (session) {
        const updated: Session = { ...session, mustChangePassword: false };
        queryClient.setQueryData(sessionQuery.queryKey, updated);
      }
      if (forced) router.history.push("/");
      else requestAnimationFrame(() => resultRef.current?.focus());
    },
    onError: () => requestAnimationFrame(() => resultRef.current?.focus()),
  });

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (next !== repeat) {
      setMismatch(true);
      return;
    }
    setMismatch(false);
    save.mutate();
  }

  const problem = save.isError ? problemOf(save.error) : null;
  return (
    <Page title={t("security.password.title")} size={480}>
      <Text mb="lg">{forced ? t("security.password.forcedIntro") : t("security.password.intro")}</Text>
      <div ref={resultRef} tabIndex={-1}>
        {save.isSuccess && !forced && (
          <Alert color="green" variant="outline" mb="md">
            {t("security.password.changed")}
          </Alert>
        )}
        {save.isError && (
          <Alert
            key={save.submittedAt}
            color="red"
            variant="outline"
            mb="md"
            title={t("security.password.failed")}
          >
            {problem ? t(`security.password.${problem}`) : errorMessage(save.error, t)}
          </Alert>
        )}
      </div>
      <form onSubmit={onSubmit}>
        <Stack gap="md">
          <PasswordInput
            label={t("security.password.current")}
            name="current-password"
            autoComplete="current-password"
            required
            value={current}
            onChange={(event) => setCurrent(event.currentTarget.value)}
            visibilityToggleButtonProps={{ "aria-label": t("security.password.showPassword") }}
          />
          <PasswordInput
            label={t("security.password.new")}
            description={t("security.password.newHint")}
            name="new-password"
            autoComplete="new-password"
            required
            value={next}
            onChange={(event) => setNext(event.currentTarget.value)}
            visibilityToggleButtonProps={{ "aria-label": t("security.password.showPassword") }}
          />
          <PasswordInput
            label={t("security.password.repeat")}
            name="repeat-password"
            autoComplete="new-password"
            required
            value={repeat}
            onChange={(event) => setRepeat(event.currentTarget.value)}
            error={mismatch ? t("security.password.mismatch") : null}
            visibilityToggleButtonProps={{ "aria-label": t("security.password.showPassword") }}
          />
          <Button type="submit" loading={save.isPending} style={{ alignSelf: "flex-start" }}>
            {t("security.password.submit")}
          </Button>
        </Stack>
      </form>
    </Page>
  );
}
