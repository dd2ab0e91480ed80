import { TestApi } from './test-app';
import { SignedInUser } from './world';

type Body = Record<string, unknown>;
export type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

export const WORK_PLANS = '/api/v1/work-plans';

export interface Participants {
  women: number;
  men: number;
  girls: number;
  boys: number;
  disability: number;
}

/** A valid new plan item (SPEC §6, §9), with `extra` fields on top. */
export const itemBody = (extra: Body = {}): Body => ({
  title: 'Penyuluhan KtP/A di balai desa',
  category: 'awareness_session',
  targetCount: 4,
  targetUnit: 'sessions',
  plannedMonths: [3, 6],
  ...extra,
});

/** A valid new activity report on `date`, with `extra` fields on top. */
export const activityBody = (
  date: string,
  participants: Participants = { women: 5, men: 2, girls: 3, boys: 1, disability: 1 },
  extra: Body = {},
): Body => ({
  date,
  participants,
  summary: 'Diskusi tentang kekerasan dalam rumah tangga dan layanan rujukan.',
  ...extra,
});

async function expectStatus(
  request: PromiseLike<{ status: number; body: Json }>,
  status: number,
  what: string,
): Promise<Json> {
  const response = await request;
  if (response.status !== status)
    throw new Error(`${what} answered ${response.status}, not ${status}: ${JSON.stringify(response.body)}`);
  return response.body;
}

export const createPlan = (api: TestApi, user: SignedInUser, body: Body): Promise<Json> =>
  expectStatus(api.http().post(WORK_PLANS).set(user.auth()).send(body), 201, 'POST /work-plans');

export const addItem = (api: TestApi, user: SignedInUser, planId: string, body: Body = itemBody()): Promise<Json> =>
  expectStatus(
    api.http().post(`${WORK_PLANS}/${planId}/items`).set(user.auth()).send(body),
    201,
    'POST /work-plans/:id/items',
  );

export const addActivity = (
  api: TestApi,
  user: SignedInUser,
  planId: string,
  itemId: string,
  body: Body,
): Promise<Json> =>
  expectStatus(
    api.http().post(`${WORK_PLANS}/${planId}/items/${itemId}/activities`).set(user.auth()).send(body),
    201,
    'POST …/activities',
  );

/** POST /work-plans/:id/{submit,approve,return}; 200 with the plan. */
export const step = (
  api: TestApi,
  user: SignedInUser,
  planId: string,
  action: 'submit' | 'approve' | 'return',
  body: Body = {},
): Promise<Json> =>
  expectStatus(
    api.http().post(`${WORK_PLANS}/${planId}/${action}`).set(user.auth()).send(body),
    200,
    `POST /work-plans/:id/${action}`,
  );

export const getPlan = (api: TestApi, user: SignedInUser, planId: string): Promise<Json> =>
  expectStatus(api.http().get(`${WORK_PLANS}/${planId}`).set(user.auth()), 200, 'GET /work-plans/:id');

export const getItem = (api: TestApi, user: SignedInUser, planId: string, itemId: string): Promise<Json> =>
  expectStatus(
    api.http().get(`${WORK_PLANS}/${planId}/items/${itemId}`).set(user.auth()),
    200,
    'GET /work-plans/:id/items/:itemId',
  );

export const getProgress = (api: TestApi, user: SignedInUser, planId: string): Promise<Json> =>
  expectStatus(
    api.http().get(`${WORK_PLANS}/${planId}/progress`).set(user.auth()),
    200,
    'GET /work-plans/:id/progress',
  );

/** A small seeded generator (mulberry32), so that "random" figures repeat from run to run. */
export function seededRandom(seed: number): (min: number, max: number) => number {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return (min, max) => min + Math.floor(next() * (max - min + 1));
}

/** Today's calendar date (YYYY-MM-DD) in an IANA time zone. */
export function todayIn(timeZone: string, offsetDays = 0): string {
  const at = new Date(Date.now() + offsetDays * 86_400_000);
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(at);
}
