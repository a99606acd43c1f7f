import { Button, Container, Group, Text } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { errorMessage } from "../../api/error-message.ts";
import { sessionQuery, useLogout } from "../auth/session.ts";
import { AnchorLink } from "../reimbursement/AnchorLink.tsx";
import { LanguageSwitch } from "./LanguageSwitch.tsx";

export function AppHeader() {
  const { t } = useTranslation();
  const { data: session } = useQuery(sessionQuery);
  const user = session?.user ?? null;
  return (
    <header className="app-header">
      <Container size="xl">
        <Group justify="space-between" py="sm" wrap="wrap">
          <Text component="p" fw={700} fz="xl" m={0}>
            {t("app.name")}
          </Text>
          <Group gap="md" wrap="wrap">
            {user && (
              <Text m={0}>
                {t("app.signedInAs", { name: user.displayName, role: t(`roles.${user.role}`) })}
              </Text>
            )}
            <LanguageSwitch />
            {user && (
              <AnchorLink to="/byt-losenord" size="sm">
                {t("security.password.link")}
              </AnchorLink>
            )}
            {user && <LogoutButton />}
          </Group>
        </Group>
      </Container>
    </header>
  );
}

function LogoutButton() {
  const { t } = useTranslation();
  const logout = useLogout();
  return (
    <>
      <Button variant="outline" size="sm" onClick={() => logout.mutate()} loading={logout.isPending}>
        {t("app.logout")}
      </Button>
      {logout.isError && (
        <Text c="red.9" role="alert" m={0}>
          {errorMessage(logout.error, t)}
        </Text>
      )}
    </>
  );
}
