import { Container, type MantineSize, Title } from "@mantine/core";
import type { ReactNode } from "react";
import { usePageTitle } from "./usePageTitle.ts";

interface PageProps {
  /** The page's one h1, also used for the browser tab's title. */
  title: string;
  size?: MantineSize | number;
  children: ReactNode;
}

/** Every page's frame: the <main> landmark the skip link jumps to, and the page heading. */
export function Page({ title, size = "xl", children }: PageProps) {
  usePageTitle(title);
  return (
    <Container component="main" id="main" tabIndex={-1} size={size} py="lg">
      <Title order={1} mb="md">
        {title}
      </Title>
      {children}
    </Container>
  );
}
