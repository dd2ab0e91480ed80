import type { ComponentChild } from 'preact';
import { lazyScreen } from '../ui/lazy-screen';
import { adminRoutes } from './admin-routes';
import { CaseList } from './case-list/case-list';
import { CasePage } from './case-page';
import { DueList } from './due-list';
import { MY_PHONES } from '../session/navigation';
import { Account } from './account';
import { reportRoutes } from './report-routes';
import { Worklist } from './worklist';

const Intake = lazyScreen(() => import('./intake').then((module) => module.Intake));
const CaseEdit = lazyScreen(() => import('./case-edit').then((module) => module.CaseEdit));
const WorkPlanList = lazyScreen(() => import('./work-plan-list').then((module) => module.WorkPlanList));
const WorkPlanPage = lazyScreen(() => import('./work-plan-page').then((module) => module.WorkPlanPage));
const PlanItemPage = lazyScreen(() => import('./work-plan-item-page').then((module) => module.PlanItemPage));
const PhonesScreen = lazyScreen(() => import('./phones').then((module) => module.PhonesScreen));
const CapturedReview = lazyScreen(() => import('./captured-review').then((module) => module.CapturedReview));
const CapturedIntake = lazyScreen(() => import('./captured-review').then((module) => module.CapturedIntake));
const OutboxScreen = lazyScreen(() => import('./outbox-screen').then((module) => module.OutboxScreen));

/**
 * The signed-in screens by path. `sections` are the navigation entries a screen belongs to, the
 * first the role has being marked (a case's page belongs to whichever list of cases the role has);
 * a screen shows only to a role that has one of them. A navigation entry with no route here shows
 * a placeholder until its screen is built.
 */
export interface Route {
  pattern: RegExp;
  sections: string[];
  /** `sections`: those the role has, for a screen that links to another only where she may open it. */
  render(params: string[], sections: string[]): ComponentChild;
}

const UUID = '([0-9a-f-]{36})';

/** A section that every role has: a screen of one's own account, which marks no navigation entry. */
export const EVERY_ROLE = '*';

export const routes: Route[] = [
  {
    pattern: /^\/account$/,
    sections: [EVERY_ROLE],
    render: (_, sections) => <Account phones={sections.includes(MY_PHONES)} />,
  },
  { pattern: /^\/account\/phones$/, sections: [MY_PHONES], render: () => <PhonesScreen whose="mine" /> },
  { pattern: /^\/outbox$/, sections: [EVERY_ROLE], render: () => <OutboxScreen /> },
  { pattern: /^\/outbox\/sign-out$/, sections: [EVERY_ROLE], render: () => <OutboxScreen signingOut /> },
  { pattern: /^\/captured$/, sections: [EVERY_ROLE], render: () => <CapturedReview /> },
  { pattern: new RegExp(`^/captured/${UUID}$`), sections: [EVERY_ROLE], render: ([id]) => <CapturedIntake id={id!} /> },
  { pattern: /^\/phones$/, sections: ['/phones'], render: () => <PhonesScreen whose="organisation" /> },
  { pattern: /^\/$/, sections: ['/'], render: () => <Worklist /> },
  { pattern: /^\/cases$/, sections: ['/cases'], render: () => <CaseList /> },
  { pattern: new RegExp(`^/cases/${UUID}$`), sections: ['/', '/cases'], render: ([id]) => <CasePage id={id!} /> },
  { pattern: /^\/follow-ups$/, sections: ['/follow-ups'], render: () => <DueList /> },
  { pattern: /^\/cases\/new$/, sections: ['/'], render: () => <Intake /> },
  {
    pattern: new RegExp(`^/cases/${UUID}/edit$`),
    sections: ['/', '/cases'],
    render: ([id]) => <CaseEdit id={id!} />,
  },
  ...adminRoutes,
  { pattern: /^\/work-plans$/, sections: ['/work-plans'], render: () => <WorkPlanList /> },
  {
    pattern: new RegExp(`^/work-plans/${UUID}$`),
    sections: ['/work-plans'],
    render: ([id]) => <WorkPlanPage id={id!} />,
  },
  {
    pattern: new RegExp(`^/work-plans/${UUID}/items/${UUID}$`),
    sections: ['/work-plans'],
    render: ([planId, itemId]) => <PlanItemPage planId={planId!} itemId={itemId!} />,
  },
  ...reportRoutes,
];

export interface Routed {
  /** The navigation entry to mark, or none when the path is not the role's. */
  section?: string;
  screen?: ComponentChild;
}

function screenOf(path: string, sections: string[]): Routed | undefined {
  for (const route of routes) {
    const match = route.pattern.exec(path);
    const section =
      match && route.sections.find((candidate) => candidate === EVERY_ROLE || sections.includes(candidate));
    if (section)
      return { section: section === EVERY_ROLE ? undefined : section, screen: route.render(match.slice(1), sections) };
  }
  return sections.includes(path) ? { section: path } : undefined;
}

/**
 * The screen of a path for a role with these navigation entries. A path that is not the role's
 * (`/` for a role without a worklist, an address kept from another account) shows the role's start.
 */
export function routed(path: string, sections: string[]): Routed {
  return screenOf(path, sections) ?? (sections[0] ? (screenOf(sections[0], sections) ?? {}) : {});
}
