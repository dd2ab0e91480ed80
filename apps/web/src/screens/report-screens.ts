/** The dashboard, evaluation reports and the report queue, loaded together on demand (see report-routes.tsx). */
export { Dashboard } from './dashboard';
export { ReportQueue } from './report-queue';
export { Reports } from './reports';
