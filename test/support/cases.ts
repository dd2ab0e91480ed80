import { TestApi } from './test-app';
import { SignedInUser } from './world';

type Body = Record<string, unknown>;
type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** The smallest valid new case in a village (SPEC §4), with `extra` fields on top. */
export const newCaseBody = (villageId: string, extra: Body = {}): Body => ({
  villageId,
  intakeDate: '2026-03-02',
  violenceTypes: ['fisik'],
  survivor: { sex: 'female', name: 'X' },
  consent: { record: true, refer: true },
  ...extra,
});

async function created(request: Promise<{ status: number; body: Json }>, what: string): Promise<Json> {
  const response = await request;
  if (response.status !== 201) throw new Error(`${what} answered ${response.status}: ${JSON.stringify(response.body)}`);
  return response.body;
}

/** POST /api/v1/cases as `user`; the created case as the creator reads it. */
export const createCase = (api: TestApi, user: SignedInUser, body: Body): Promise<Json> =>
  created(api.http().post('/api/v1/cases').set(user.auth()).send(body), 'POST /cases');

export const addReferral = (api: TestApi, user: SignedInUser, caseId: string, body: Body = {}): Promise<Json> =>
  created(
    api
      .http()
      .post(`/api/v1/cases/${caseId}/referrals`)
      .set(user.auth())
      .send({ serviceType: 'health', referredAt: '2026-03-03', ...body }),
    'POST /cases/:id/referrals',
  );

export const addFollowUp = (api: TestApi, user: SignedInUser, caseId: string, body: Body = {}): Promise<Json> =>
  created(
    api
      .http()
      .post(`/api/v1/cases/${caseId}/follow-ups`)
      .set(user.auth())
      .send({ date: '2026-03-04', type: 'home_visit', ...body }),
    'POST /cases/:id/follow-ups',
  );
