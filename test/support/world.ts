import { randomBytes } from 'node:crypto';
import { AdminRequestsService, OrganizationsService } from '@pendamping/auth';
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
  /** The second org_admin, who approves the first one's administration requests and she his. */
  approver: SignedInUser;
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
/** What create-org is given in tests: temporary, changed to TEST_PASSWORD at first sign-in. */
export const TEMPORARY_ADMIN_PASSWORD = 'sementara-pohon-lontar-rote-2026';

/** Each org_admin of a test organisation and the other one, who decides her requests. */
const approvers = new WeakMap<SignedInUser, SignedInUser>();

function signedIn(base: Omit<SignedInUser, 'auth'>): SignedInUser {
  return { ...base, auth: () => ({ authorization: `Bearer ${base.accessToken}` }) };
}

/**
 * Signs in as a real user would: a temporary password is changed to TEST_PASSWORD first, then a
 * role that needs a second factor enrols it.
 */
export async function signIn(
  api: TestApi,
  user: { id: string; email: string; password: string; role: string },
): Promise<SignedInUser> {
  const login = await api
    .http()
    .post('/api/v1/auth/login')
    .send({ email: user.email, password: user.password })
    .expect(200);
  let tokens = login.body as { accessToken: string; refreshToken: string; mfa?: string; passwordChange?: string };
  let password = user.password;
  if (tokens.passwordChange === 'required') {
    const changed = await api
      .http()
      .post('/api/v1/auth/password')
      .set({ authorization: `Bearer ${tokens.accessToken}` })
      .send({ currentPassword: user.password, newPassword: TEST_PASSWORD })
      .expect(200);
    tokens = changed.body;
    password = TEST_PASSWORD;
  }
  if (tokens.mfa !== 'enrollment_required')
    return signedIn({ ...user, password, accessToken: tokens.accessToken, refreshToken: tokens.refreshToken });
  const bearer = { authorization: `Bearer ${tokens.accessToken}` };
  const enrolment = await api.http().post('/api/v1/auth/totp/enroll').set(bearer).expect(200);
  const code = generateTotpCode({ secret: enrolment.body.secret, now: new Date() });
  const verified = await api.http().post('/api/v1/auth/totp/verify').set(bearer).send({ code }).expect(200);
  return signedIn({
    ...user,
    password,
    accessToken: verified.body.accessToken,
    refreshToken: verified.body.refreshToken,
    totpSecret: enrolment.body.secret,
    recoveryCodes: verified.body.recoveryCodes,
  });
}

/**
 * Gets an administration request approved: by the other org_admin of the requester's test
 * organisation (the requester then collects her half), or by the operator where there is none.
 * Answers the user it is about and, where the request made one, the whole temporary password.
 */
export async function approveRequest(
  api: TestApi,
  requester: SignedInUser,
  requestId: string,
): Promise<{ userId: string; temporaryPassword?: string }> {
  const approver = approvers.get(requester);
  if (!approver) {
    const approved = await api.app.get(AdminRequestsService).approveAsOperator(requestId);
    const halves = approved.temporaryPassword;
    return {
      userId: approved.request.subjectId as string,
      ...(halves ? { temporaryPassword: `${halves.firstHalf}${halves.secondHalf}` } : {}),
    };
  }
  const approved = await api
    .http()
    .post(`/api/v1/admin-requests/${requestId}/approve`)
    .set(approver.auth())
    .expect(200);
  if (!approved.body.temporaryPassword) return { userId: approved.body.subjectId };
  const collected = await api
    .http()
    .post(`/api/v1/admin-requests/${requestId}/password-half`)
    .set(requester.auth())
    .expect(200);
  return {
    userId: approved.body.subjectId,
    temporaryPassword: `${collected.body.firstHalf}${approved.body.temporaryPassword.secondHalf}`,
  };
}

/** A user of the given role, requested by `admin` and approved: her address and whole temporary password. */
async function requestApprovedUser(
  api: TestApi,
  admin: SignedInUser,
  role: string,
  scope: { groupIds?: string[]; regionIds?: string[] },
) {
  const email = `${role}-${suffix()}@example.test`;
  const requested = await api
    .http()
    .post('/api/v1/users')
    .set(admin.auth())
    .send({ email, name: `Test ${role}`, role, ...scope })
    .expect(202);
  const { userId, temporaryPassword } = await approveRequest(api, admin, requested.body.id);
  return { id: userId, email, temporaryPassword: temporaryPassword as string };
}

/** A signed-in user of the given role, requested by `admin` and approved; every test that needs one more user goes through here. */
export async function createUser(
  api: TestApi,
  admin: SignedInUser,
  role: string,
  scope: { groupIds?: string[]; regionIds?: string[] },
) {
  const { id, email, temporaryPassword } = await requestApprovedUser(api, admin, role, scope);
  return signIn(api, { id, email, password: temporaryPassword, role });
}

/** A user who has set her own password (TEST_PASSWORD) but, where her role needs one, not yet enrolled a second factor. */
export async function createUserWithOwnPassword(
  api: TestApi,
  admin: SignedInUser,
  role: string,
  scope: { groupIds?: string[]; regionIds?: string[] },
) {
  const { id, email, temporaryPassword } = await requestApprovedUser(api, admin, role, scope);
  const login = await api.http().post('/api/v1/auth/login').send({ email, password: temporaryPassword }).expect(200);
  await api
    .http()
    .post('/api/v1/auth/password')
    .set({ authorization: `Bearer ${login.body.accessToken}` })
    .send({ currentPassword: temporaryPassword, newPassword: TEST_PASSWORD })
    .expect(200);
  return { id, email };
}

/** An organisation's first org_admin, as the operator's create-org makes her, signed in with her own password. */
export async function createFirstAdmin(
  api: TestApi,
  label: string,
): Promise<{ organizationId: string; admin: SignedInUser }> {
  const adminEmail = `admin-${suffix()}@example.test`;
  const { organizationId, adminId } = await api.app.get(OrganizationsService).create({
    name: `${label} ${suffix()}`,
    adminEmail,
    adminName: 'Test Admin',
    adminPassword: TEMPORARY_ADMIN_PASSWORD,
  });
  return {
    organizationId,
    admin: await signIn(api, { id: adminId, email: adminEmail, password: TEMPORARY_ADMIN_PASSWORD, role: 'org_admin' }),
  };
}

/** A second org_admin, approved by the operator (there is no other admin yet); from then on each approves the other's requests. */
export async function addApprover(api: TestApi, admin: SignedInUser): Promise<SignedInUser> {
  const approver = await createUser(api, admin, 'org_admin', {});
  approvers.set(admin, approver);
  approvers.set(approver, admin);
  return approver;
}

/** One organisation with two regions, each with a village and a group, and a user of every role. */
export async function createOrganisation(api: TestApi, label = 'Org'): Promise<Organisation> {
  const { organizationId, admin } = await createFirstAdmin(api, label);
  const approver = await addApprover(api, admin);
  const post = async (path: string, body: object) =>
    (await api.http().post(`/api/v1/${path}`).set(admin.auth()).send(body).expect(201)).body.id as string;
  const regionA = await post('regions', { name: 'Kupang', code: 'KPG' });
  const regionB = await post('regions', { name: 'SoE', code: 'SOE' });
  const villageA = await post('villages', { name: 'Oesao', regionId: regionA });
  const villageB = await post('villages', { name: 'Kuatae', regionId: regionB });
  const groupA = await post('groups', { name: 'Kelompok Mawar', villageId: villageA });
  const groupB = await post('groups', { name: 'Kelompok Melati', villageId: villageB });
  return {
    id: organizationId,
    admin,
    approver,
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
