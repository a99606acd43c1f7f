import { Outlet } from "@tanstack/react-router";
import { DemoBanner } from "../meta/DemoBanner.tsx";
import { AppHeader } from "./AppHeader.tsx";
import { SkipLink } from "./SkipLink.tsx";

/** Around every page, signed in or not. Each page renders its own <main id="main">. */
export function RootLayout() {
  return (
    <>
      <SkipLink />
      <DemoBanner />
      <AppHeader />
      <Outlet />
    </>
  );
}
