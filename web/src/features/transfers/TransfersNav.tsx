import { Group } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { type AppPath, mayOpen } from "../../app/nav.ts";
import { useCurrentUser } from "../auth/session.ts";
import { AnchorLink } from "../reimbursement/AnchorLink.tsx";

const SECTIONS = [
  { to: "/uppgiftsvaxling", label: "register" },
  { to: "/uppgiftsvaxling/glapp", label: "gap" },
  { to: "/uppgiftsvaxling/enhet", label: "unit" },
] as const satisfies readonly { to: AppPath; label: string }[];

/** The transfer pages the user may open, as a secondary menu under the page heading. */
export function TransfersNav() {
  const { t } = useTranslation();
  const user = useCurrentUser();
  const sections = SECTIONS.filter((section) => mayOpen(user.role, section.to));
  if (sections.length < 2) return null;
  return (
    <nav aria-label={t("transfers.sectionsNav")}>
      <Group component="ul" gap="lg" mb="lg" p={0} style={{ listStyle: "none" }}>
        {sections.map((section) => (
          <li key={section.to}>
            <AnchorLink
              to={section.to}
              activeOptions={{ exact: true, includeSearch: false }}
              activeProps={{ style: { fontWeight: 700, textDecoration: "underline" } }}
            >
              {t(`transfers.sections.${section.label}`)}
            </AnchorLink>
          </li>
        ))}
      </Group>
    </nav>
  );
}
