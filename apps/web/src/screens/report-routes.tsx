import { lazyScreen } from '../ui/lazy-screen';
import type { Route } from './routes';

/** Coordinators', reviewers' and administrators' screens of figures and reports: never on a companion's start. */
const screens = () => import('./report-screens');
const Dashboard = lazyScreen(() => screens().then((module) => module.Dashboard));
const Reports = lazyScreen(() => screens().then((module) => module.Reports));
const ReportQueue = lazyScreen(() => screens().then((module) => module.ReportQueue));

export const reportRoutes: Route[] = [
  { pattern: /^\/dashboard$/, sections: ['/dashboard'], render: () => <Dashboard /> },
  { pattern: /^\/reports$/, sections: ['/reports'], render: () => <Reports /> },
  { pattern: /^\/reports\/queue$/, sections: ['/reports/queue'], render: () => <ReportQueue /> },
];
