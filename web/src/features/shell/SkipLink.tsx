import type { MouseEvent } from "react";
import { useTranslation } from "react-i18next";

/** The first focusable element: jumps past the header and menu to the page's <main id="main">. */
export function SkipLink() {
  const { t } = useTranslation();
  function onClick(event: MouseEvent<HTMLAnchorElement>) {
    const main = document.getElementById("main");
    if (!main) return;
    // Focus directly instead of changing the URL hash, which the router would treat as a navigation.
    event.preventDefault();
    main.focus();
    main.scrollIntoView();
  }
  return (
    // biome-ignore lint/a11y/useValidAnchor: in-page navigation; onClick only keeps the router out of it.
    <a className="skip-link" href="#main" onClick={onClick}>
      {t("app.skipToContent")}
    </a>
  );
}
