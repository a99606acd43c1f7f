import { Container } from "@mantine/core";
import { Link, useLocation } from "@tanstack/react-router";
import { useTranslation } from "react-i18next";
import type { Role } from "../../api/types.ts";
import { navItemFor, navItemsFor } from "../../app/nav.ts";

export function MainNav({ role }: { role: Role }) {
  const { t } = useTranslation();
  const items = navItemsFor(role);
  const current = navItemFor(useLocation({ select: (location) => location.pathname }));
  if (items.length === 0) return null;
  return (
    <nav className="main-nav" aria-label={t("app.mainNav")}>
      <Container size="xl">
        <ul>
          {items.map((item) => (
            <li key={item.to}>
              {/* The link to the current page gets aria-current="page" from the router; exact unless the
                  path belongs to this item, so that on /ersattning/rapportering only that item is current. */}
              <Link to={item.to} activeOptions={{ exact: item !== current }}>
                {t(`nav.${item.label}`)}
              </Link>
            </li>
          ))}
        </ul>
      </Container>
    </nav>
  );
}
