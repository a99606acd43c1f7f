import { Group } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { type AppPath, mayOpen } from "../../app/nav.ts";
import { useCurrentUser } from "../auth/session.ts";
import { AnchorLink } from "./AnchorLink.tsx";

const SECTIONS = [
  { to: "/ersattning", label: "overview" },
  { to: "/ersattning/uppfoljning", label: "followUp" },
  { to: "/ersattning/scenarier", label: "scenarios" },
  { to: "/ersattning/rapportering", label: "reporting" },
] as const satisfies readonly { to: AppPath; label: string }[];

/** The reimbursement pages the user may open, as a secondary menu under the page heading. */
export function ReimbursementNav() {
  const { t } = useTranslation();
  const user = useCurrentUser();
  const sections = SECTIONS.filter((section) => mayOpen(user.role, section.to));
  if (sections.length < 2) return null;
  return (
    <nav aria-label={t("reimbursement.sectionsNav")}>
      <Group component="ul" gap="lg" mb="lg" p={0} style={{ listStyle: "none" }}>
        {sections.map((section) => (
          <li key={section.to}>
            {/* Exact: on a sub-page only that sub-page's link is the current one. */}
            <AnchorLink
              to={section.to}
              activeOptions={{ exact: true }}
              activeProps={{ style: { fontWeight: 700, textDecoration: "underline" } }}
            >
              {t(`reimbursement.sections.${section.label}`)}
            </AnchorLink>
          </li>
        ))}
      </Group>
    </nav>
  );
}
