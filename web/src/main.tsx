import "@mantine/core/styles.css";
import "./styles.css";
import "./i18n/index.ts";
import { MantineProvider } from "@mantine/core";
import { QueryClientProvider } from "@tanstack/react-query";
import { RouterProvider } from "@tanstack/react-router";
import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { createQueryClient } from "./app/query-client.ts";
import { createAppRouter } from "./app/router.tsx";
import { cssVariablesResolver, theme } from "./app/theme.ts";
import { markSignedOut } from "./features/auth/session.ts";

// Any 401 means the session is gone (expired or ended elsewhere): forget it and show the login page,
// which brings the user back to where they were.
const queryClient = createQueryClient(() => {
  markSignedOut(queryClient);
  const { pathname, href } = router.state.location;
  if (pathname !== "/login") void router.navigate({ to: "/login", search: { redirect: href } });
});
const router = createAppRouter(queryClient);

const rootElement = document.getElementById("root");
if (!rootElement) throw new Error('index.html lacks <div id="root">');

createRoot(rootElement).render(
  <StrictMode>
    <MantineProvider theme={theme} cssVariablesResolver={cssVariablesResolver} forceColorScheme="light">
      <QueryClientProvider client={queryClient}>
        <RouterProvider router={router} />
      </QueryClientProvider>
    </MantineProvider>
  </StrictMode>,
);
