import { TestApi } from './test-app';
import { SignedInUser } from './world';

type Body = Record<string, unknown>;
type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/**
 * Work plans through the API (SPEC §6, §9), for suites that need plans, items and activity
 * reports as fixtures: each call answers the created or changed record, or throws naming the
 * route and the answer.
 */
export const WORK_PLANS_URL = '/api/v1/work-plans';

/** A valid new plan item, with `extra` fields on top. */
export const planItemBody = (extra: Body = {}): Body => ({
  title: 'Penyuluhan KtP/A di balai desa',
  category: 'awareness_session',
  targetCount: 4,
  targetUnit: 'sessions',
  plannedMonths: [3],
  ...extra,
});

/** A valid new activity report on `date` (in the plan's year, not in the future), with `extra` fields on top. */
export const planActivityBody = (date: string, extra: Body = {}): Body => ({
  date,
  participants: { women: 6, men: 2, girls: 3, boys: 1, disability: 1 },
  summary: 'Diskusi tentang kekerasan dalam rumah tangga dan layanan rujukan.',
  ...extra,
});

async function answered(
  request: PromiseLike<{ status: number; body: Json }>,
  status: number,
  what: string,
): Promise<Json> {
  const response = await request;
  if (response.status !== status)
    throw new Error(`${what} answered ${response.status}, not ${status}: ${JSON.stringify(response.body)}`);
  return response.body;
}

/** POST /work-plans {groupId, year, goals?, copyFrom?}. */
export const createWorkPlan = (api: TestApi, user: SignedInUser, body: Body): Promise<Json> =>
  answered(api.http().post(WORK_PLANS_URL).set(user.auth()).send(body), 201, 'POST /work-plans');

export const addPlanItem = (
  api: TestApi,
  user: SignedInUser,
  planId: string,
  body: Body = planItemBody(),
): Promise<Json> =>
  answered(
    api.http().post(`${WORK_PLANS_URL}/${planId}/items`).set(user.auth()).send(body),
    201,
    'POST /work-plans/:id/items',
  );

export const addPlanActivity = (
  api: TestApi,
  user: SignedInUser,
  planId: string,
  itemId: string,
  body: Body,
): Promise<Json> =>
  answered(
    api.http().post(`${WORK_PLANS_URL}/${planId}/items/${itemId}/activities`).set(user.auth()).send(body),
    201,
    'POST /work-plans/:id/items/:itemId/activities',
  );

/** POST /work-plans/:id/{submit,approve,return}: 200 with the plan. */
export const planStep = (
  api: TestApi,
  user: SignedInUser,
  planId: string,
  step: 'submit' | 'approve' | 'return',
  body: Body = {},
): Promise<Json> =>
  answered(
    api.http().post(`${WORK_PLANS_URL}/${planId}/${step}`).set(user.auth()).send(body),
    200,
    `POST /work-plans/:id/${step}`,
  );
