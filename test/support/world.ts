import { randomBytes } from 'node:crypto';
import { OrganizationsService } from '@pendamping/auth';
import { generateTotpCode } from '@pendamping/auth/authentication';
import { TestApi } from './test-app';

export interface SignedInUser {
  id: string;
  email: string;
  password: string;
  role: string;
  accessToken: string;
  refreshToken: string;
  totpSecret?: string;
  recoveryCodes?: string[];
  auth(): { authorization: string };
}

export interface Organisation {
  id: string;
  admin: SignedInUser;
  regions: { a: string; b: string };
  villages: { a: string; b: string };
  groups: { a: string; b: string };
  coordinatorA: SignedInUser;
  coordinatorB: SignedInUser;
  companionA: SignedInUser;
  companionB: SignedInUser;
  reviewer: SignedInUser;
}

const suffix = () => randomBytes(4).toString('hex');
export const TEST_PASSWORD = 'kebun-kopi-di-lereng-mutis-2026';

function signedIn(base: Omit<SignedInUser, 'auth'>): SignedInUser {
  return { ...base, auth: () => ({ authorization: `Bearer ${base.accessToken}` }) };
}

/** Signs in; a role that needs a second factor enrols it on first sign-in, as a real user would. */
export async function signIn(api: TestApi, user: { id: string; email: string; password: string; role: string }): Promise<SignedInUser> {
  const login = await api.http().post('/api/v1/auth/login').send({ email: user.email, password: user.password }).expect(200);
  if (login.body.mfa !== 'enrollment_required') return signedIn({ ...user, accessToken: login.body.accessToken, refreshToken: login.body.refreshToken });
  const bearer = { authorization: `Bearer ${login.body.accessToken}` };
  const enrolment = await api.http().post('/api/v1/auth/totp/enroll').set(bearer).expect(200);
  const code = generateTotpCode({ secret: enrolment.body.secret, now: new Date() });
  const verified = await api.http().post('/api/v1/auth/totp/verify').set(bearer).send({ code }).expect(200);
  return signedIn({
    ...user,
    accessToken: verified.body.accessToken,
    refreshToken: verified.body.refreshToken,
    totpSecret: enrolment.body.secret,
    recoveryCodes: verified.body.recoveryCodes,
  });
}

/** A signed-in user of the given role; every test that needs one more user goes through here. */
export async function createUser(api: TestApi, admin: SignedInUser, role: string, scope: { groupIds?: string[]; regionIds?: string[] }) {
  const email = `${role}-${suffix()}@example.test`;
  const created = await api
    .http()
    .post('/api/v1/users')
    .set(admin.auth())
    .send({ email, name: `Test ${role}`, password: TEST_PASSWORD, role, ...scope })
    .expect(201);
  return signIn(api, { id: created.body.id, email, password: TEST_PASSWORD, role });
}

/** One organisation with two regions, each with a village and a group, and a user of every role. */
export async function createOrganisation(api: TestApi, label = 'Org'): Promise<Organisation> {
  const adminEmail = `admin-${suffix()}@example.test`;
  const { organizationId, adminId } = await api.app.get(OrganizationsService).create({
    name: `${label} ${suffix()}`,
    adminEmail,
    adminName: 'Test Admin',
    adminPassword: TEST_PASSWORD,
  });
  const admin = await signIn(api, { id: adminId, email: adminEmail, password: TEST_PASSWORD, role: 'org_admin' });
  const post = async (path: string, body: object) => (await api.http().post(`/api/v1/${path}`).set(admin.auth()).send(body).expect(201)).body.id as string;
  const regionA = await post('regions', { name: 'Kupang', code: 'KPG' });
  const regionB = await post('regions', { name: 'SoE', code: 'SOE' });
  const villageA = await post('villages', { name: 'Oesao', regionId: regionA });
  const villageB = await post('villages', { name: 'Kuatae', regionId: regionB });
  const groupA = await post('groups', { name: 'Kelompok Mawar', villageId: villageA });
  const groupB = await post('groups', { name: 'Kelompok Melati', villageId: villageB });
  return {
    id: organizationId,
    admin,
    regions: { a: regionA, b: regionB },
    villages: { a: villageA, b: villageB },
    groups: { a: groupA, b: groupB },
    coordinatorA: await createUser(api, admin, 'coordinator', { regionIds: [regionA] }),
    coordinatorB: await createUser(api, admin, 'coordinator', { regionIds: [regionB] }),
    companionA: await createUser(api, admin, 'companion', { groupIds: [groupA] }),
    companionB: await createUser(api, admin, 'companion', { groupIds: [groupB] }),
    reviewer: await createUser(api, admin, 'reviewer', {}),
  };
}
