import { Alert, Button, Divider, PasswordInput, Stack, Text, TextInput } from "@mantine/core";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { getRouteApi, useRouter } from "@tanstack/react-router";
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { errorMessage } from "../../api/error-message.ts";
import { metaQuery } from "../meta/DemoBanner.tsx";
import { Page } from "../shell/Page.tsx";
import { login } from "./session.ts";

const loginRoute = getRouteApi("/login");

export function LoginPage() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const router = useRouter();
  const { redirect, oidcError } = loginRoute.useSearch();
  const { data: meta } = useQuery(metaQuery);
  const [username, setUsername] = useState("");
  const [password, setPassword] = useState("");

  const signIn = useMutation({
    mutationFn: () => login(queryClient, { username: username.trim(), password }),
    onSuccess: () => {
      // `redirect` was checked to be a path inside the app when the search was parsed (router.tsx).
      router.history.push(redirect ?? "/");
    },
  });

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    signIn.mutate();
  }

  return (
    <Page title={t("login.title")} size={420}>
      <Text mb="lg">{t("login.intro")}</Text>
      {oidcError && (
        <Alert color="red" variant="outline" title={t("login.failed")} mb="md" role="alert">
          {t(`login.oidcErrors.${oidcError}`)}
        </Alert>
      )}
      {meta?.oidcSignIn && (
        <>
          {/* A plain link: the sign-in leaves the app for the region's identity provider and comes back. */}
          <Button
            component="a"
            href={`/api/auth/oidc/login${redirect ? `?redirect=${encodeURIComponent(redirect)}` : ""}`}
            variant="filled"
            fullWidth
          >
            {t("login.siths")}
          </Button>
          <Divider my="lg" label={t("login.orPassword")} labelPosition="center" />
        </>
      )}
      <form onSubmit={onSubmit}>
        <Stack gap="md">
          {signIn.isError && (
            // Keyed by attempt so that a repeated failure is announced again.
            <Alert key={signIn.submittedAt} color="red" variant="outline" title={t("login.failed")}>
              {errorMessage(signIn.error, t)}
            </Alert>
          )}
          <TextInput
            label={t("login.username")}
            name="username"
            autoComplete="username"
            required
            value={username}
            onChange={(event) => setUsername(event.currentTarget.value)}
          />
          <PasswordInput
            label={t("login.password")}
            name="password"
            autoComplete="current-password"
            required
            value={password}
            onChange={(event) => setPassword(event.currentTarget.value)}
            visibilityToggleButtonProps={{ "aria-label": t("login.showPassword") }}
          />
          <Button type="submit" loading={signIn.isPending}>
            {t("login.submit")}
          </Button>
        </Stack>
      </form>
    </Page>
  );
}
