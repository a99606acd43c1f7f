import { Outlet } from "@tanstack/react-router";
import { useCurrentUser } from "../auth/session.ts";
import { MainNav } from "./MainNav.tsx";

/** Pages for signed-in users: the role's menu, then the page (which renders its own <main>). */
export function AppLayout() {
  const user = useCurrentUser();
  return (
    <>
      <MainNav role={user.role} />
      <Outlet />
    </>
  );
}
