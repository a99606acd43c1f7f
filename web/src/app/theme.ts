import { type CSSVariablesResolver, createTheme } from "@mantine/core";

// Mantine's defaults put white text on blue 6 (about 3.5:1) and grey 6 for secondary text (about 3.3:1);
// WCAG 2.1 AA needs 4.5:1 for normal text, so buttons use blue 8 (about 5:1) and secondary text grey 7.
export const theme = createTheme({
  primaryColor: "blue",
  primaryShade: { light: 8, dark: 8 },
  focusRing: "auto",
  defaultRadius: "sm",
});

/**
 * Text colours for words on white (or on a white-text badge) that keep 4.5:1 where Mantine's own shades
 * fall short: green 9 is about 4.4:1, yellow and orange 9 about 3:1.
 */
export const ACCESSIBLE_COLORS = { green: "#1f6b30", orange: "#8a3500" } as const;

export const cssVariablesResolver: CSSVariablesResolver = (t) => ({
  variables: {},
  light: {
    "--mantine-color-dimmed": t.colors.gray[7],
    "--mantine-color-placeholder": t.colors.gray[7],
    // Error messages under fields: Mantine's red 6 has about 3.3:1 on white; red 9 has about 5.4:1.
    "--mantine-color-error": t.colors.red[9],
  },
  dark: {},
});
