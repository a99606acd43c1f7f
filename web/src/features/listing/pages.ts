// The listing pages load lazily as one chunk (router.tsx).
export { FlowsPage } from "./FlowsPage.tsx";
export { ListingPage } from "./ListingPage.tsx";
export { StructurePage } from "./StructurePage.tsx";
