// The reimbursement pages, loaded on demand by router.tsx (one chunk for the whole feature).
export { FollowUpPage } from "./FollowUpPage.tsx";
export { ModelPage } from "./ModelPage.tsx";
export { OverviewPage } from "./OverviewPage.tsx";
export { ReportingPage } from "./ReportingPage.tsx";
export { RunPage } from "./RunPage.tsx";
export { ScenariosPage } from "./ScenariosPage.tsx";
