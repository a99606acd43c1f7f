// Shapes of the statistics API's answers, as the server's schemas define them (src/modules/statistics/
// stats.schemas.ts; the figures are FORMATS.md "Accessibility statistics"). Counts and rates are null
// where the server withheld them for a committee user.

export type { Risk } from "../../../../src/domain/forecast/index.ts";
export type { ImportFormat } from "../../../../src/domain/imports/formats.ts";
export type {
  AccessibilityAnswer,
  AccessibilityRow,
  ForecastAnswer,
  ForecastUnit,
  Heatmap,
  HeatmapCell,
  ImportJob as ImportStatus,
  ImportStarted,
  ReferenceValue,
  ReferenceValueList,
} from "../../../../src/modules/statistics/stats.schemas.ts";
