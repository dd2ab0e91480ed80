import { deferredScreens } from '../ui/deferred';
import type { Route } from './routes';

/** Coordinators', reviewers' and administrators' screens of figures and reports: never on a companion's start. */
const deferred = deferredScreens(() => import('./report-screens'));

export const reportRoutes: Route[] = [
  { pattern: /^\/dashboard$/, sections: ['/dashboard'], render: deferred('Dashboard') },
  { pattern: /^\/reports$/, sections: ['/reports'], render: deferred('Reports') },
  { pattern: /^\/reports\/queue$/, sections: ['/reports/queue'], render: deferred('ReportQueue') },
];
