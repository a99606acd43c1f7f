// The transfer pages, loaded on demand by router.tsx (one chunk for the feature; the gap page brings ECharts).
export { GapPage } from "./GapPage.tsx";
export { RegisterPage } from "./RegisterPage.tsx";
export { UnitPage } from "./UnitPage.tsx";
