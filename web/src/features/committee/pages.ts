// The committee pages load together, lazily (ECharts' map comes with them).
export { DashboardPage } from "./DashboardPage.tsx";
export { KommunMapPage } from "./KommunMapPage.tsx";
export { PromisesPage } from "./PromisesPage.tsx";
