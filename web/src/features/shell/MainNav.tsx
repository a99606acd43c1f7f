import { Container } from "@mantine/core";
import { Link } from "@tanstack/react-router";
import { useTranslation } from "react-i18next";
import type { Role } from "../../api/types.ts";
import { navItemsFor } from "../../app/nav.ts";

export function MainNav({ role }: { role: Role }) {
  const { t } = useTranslation();
  const items = navItemsFor(role);
  if (items.length === 0) return null;
  return (
    <nav className="main-nav" aria-label={t("app.mainNav")}>
      <Container size="xl">
        <ul>
          {items.map((item) => (
            <li key={item.to}>
              {/* The link to the current page gets aria-current="page" from the router. */}
              <Link to={item.to}>{t(`nav.${item.label}`)}</Link>
            </li>
          ))}
        </ul>
      </Container>
    </nav>
  );
}
