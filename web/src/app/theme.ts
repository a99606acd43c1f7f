import { type CSSVariablesResolver, createTheme } from "@mantine/core";

// Mantine's defaults put white text on blue 6 (about 3.5:1) and grey 6 for secondary text (about 3.3:1);
// WCAG 2.1 AA needs 4.5:1 for normal text, so buttons use blue 8 (about 5:1) and secondary text grey 7.
export const theme = createTheme({
  primaryColor: "blue",
  primaryShade: { light: 8, dark: 8 },
  focusRing: "auto",
  defaultRadius: "sm",
});

export const cssVariablesResolver: CSSVariablesResolver = (t) => ({
  variables: {},
  light: {
    "--mantine-color-dimmed": t.colors.gray[7],
    "--mantine-color-placeholder": t.colors.gray[7],
  },
  dark: {},
});
