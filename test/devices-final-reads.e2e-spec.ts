import { randomBytes, randomUUID } from 'node:crypto';
import { AuditEventEntity } from '@pendamping/auth/entities';
import { problemType } from '@pendamping/core';
import type { Response } from 'supertest';
import { createCase, newCaseBody } from './support/cases';
import { organisationSuite } from './support/organisation-suite';
import { approveRequest, createOrganisation, createUser, Organisation, SignedInUser } from './support/world';

/**
 * SPEC §12 "Resets, role changes, revocation": a revoked phone's last device reads, sent with the
 * refresh token that was answered `device-revoked` (`POST /devices/:id/final-reads`, no session):
 * taken only while the phone is revoked, only with its latest token, only once, and recorded as
 * `POST /sync/reads` records them, for the cases she held. docs/offline.md, "Device reads".
 */

const API = '/api/v1';
const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
const at = '2026-12-01T08:30:00.000Z';

interface Phone {
  deviceId: string;
  /** The latest refresh token the phone holds. */
  refreshToken: string;
}

describe('a revoked phone’s last reads (POST /devices/:id/final-reads)', () => {
  const suite = organisationSuite();
  const http = () => suite.api.http();
  let other: Organisation;
  let otherCase: string;

  /** Set-up; again with the same id (an answer lost on the way), a new family for the phone. */
  const setUp = async (user: SignedInUser, deviceId: string = randomUUID()): Promise<Phone> => {
    const session = (await http().post(`${API}/auth/login`).send({ email: user.email, password: user.password })).body;
    const response = await http()
      .post(`${API}/devices`)
      .set(bearer(session.accessToken))
      .send({ deviceId, label: 'HP', sealingPublicKey: randomBytes(65).toString('base64url') })
      .expect(201);
    return { deviceId, refreshToken: response.body.refreshToken };
  };
  const refresh = (phone: Phone) =>
    http().post(`${API}/auth/refresh`).send({ refreshToken: phone.refreshToken, deviceId: phone.deviceId });
  /** A refresh the phone makes while it is active: it now holds the rotated token. */
  const renewed = async (phone: Phone): Promise<Phone> => ({
    ...phone,
    refreshToken: (await refresh(phone).expect(200)).body.refreshToken,
  });
  const revokeByAdmin = (phone: Phone) =>
    http().post(`${API}/devices/${phone.deviceId}/revoke`).set(suite.org.admin.auth()).expect(200);
  const finalReads = (deviceId: string, body: unknown) =>
    http()
      .post(`${API}/devices/${deviceId}/final-reads`)
      .send(body as object);
  const deviceReadsOf = (actorId: string) =>
    suite.dataSource
      .getRepository(AuditEventEntity)
      .find({ where: { actorId, action: 'device_read' }, order: { id: 'ASC' } });
  const expectUnauthenticated = (response: Response) =>
    expect({ status: response.status, type: response.body.type }).toEqual({
      status: 401,
      type: problemType('unauthenticated'),
    });
  const companionWithCase = async () => {
    const user = await createUser(suite.api, suite.org.admin, 'companion', { groupIds: [suite.org.groups.a] });
    const held = await createCase(
      suite.api,
      user,
      newCaseBody(suite.org.villages.a, { survivor: { sex: 'female', name: 'Sari', phone: '081234567890' } }),
    );
    return { user, caseId: String(held.id), version: Number(held.version) };
  };

  beforeAll(async () => {
    other = await createOrganisation(suite.api, 'Lain');
    otherCase = String(
      (
        await createCase(
          suite.api,
          other.companionA,
          newCaseBody(other.villages.a, { survivor: { sex: 'female', name: 'Elsewhere' } }),
        )
      ).id,
    );
  });

  it('records the reads of a phone an admin revoked, with the token its refresh presented, once; cases she no longer holds included, other cases dropped', async () => {
    const { user, caseId, version } = await companionWithCase();
    const phone = await renewed(await setUp(user));
    // Reassigned away after her phone showed it: the read is history all the same.
    await http()
      .put(`${API}/cases/${caseId}/assignment`)
      .set(suite.org.coordinatorA.auth())
      .send({ assignedCompanionId: suite.org.companionA.id, version })
      .expect(200);
    const colleaguesCase = String(
      (
        await createCase(
          suite.api,
          suite.org.companionA,
          newCaseBody(suite.org.villages.a, { survivor: { sex: 'female', name: 'Colleague' } }),
        )
      ).id,
    );
    await revokeByAdmin(phone);
    const answered = await refresh(phone);
    expect({ status: answered.status, type: answered.body.type }).toEqual({
      status: 401,
      type: problemType('device-revoked'),
    });

    const body = {
      refreshToken: phone.refreshToken,
      reads: [
        { id: randomUUID(), caseId, fields: ['survivor.name', 'narrative'], at },
        { id: randomUUID(), caseId: colleaguesCase, fields: ['survivor.name'], at },
        { id: randomUUID(), caseId: otherCase, fields: ['survivor.name'], at },
        { id: randomUUID(), caseId: '00000000-0000-4000-8000-000000000000', fields: ['survivor.name'], at },
      ],
    };
    const response = await finalReads(phone.deviceId, body).expect(202);
    expect(response.body).toEqual({ received: 4 });
    const written = await deviceReadsOf(user.id);
    expect(
      written.map((event) => [
        event.subject,
        event.subjectId,
        event.fields,
        event.deviceReadAt?.toISOString(),
        event.actorRole,
        event.organizationId,
        event.outcome,
      ]),
    ).toEqual([['Case', caseId, ['narrative', 'survivor.name'], at, 'companion', suite.org.id, 'success']]);
    expect(
      await suite.dataSource
        .getRepository(AuditEventEntity)
        .count({ where: { organizationId: other.id, action: 'device_read' } }),
    ).toBe(0);
    // Never a token in the audit log.
    const dump = JSON.stringify(
      await suite.dataSource.query(`SELECT * FROM audit_events WHERE actor_id = $1`, [user.id]),
    );
    expect(dump).not.toContain(phone.refreshToken);

    // Once: the token is consumed, and the phone's refresh still answers device-revoked.
    expectUnauthenticated(await finalReads(phone.deviceId, body));
    expect(await deviceReadsOf(user.id)).toHaveLength(1);
    expect((await refresh(phone)).body.type).toBe(problemType('device-revoked'));
  });

  it('takes the reads of a phone revoked by her deactivation', async () => {
    const { user, caseId } = await companionWithCase();
    const phone = await setUp(user);
    const current = await http().get(`${API}/users/${user.id}`).set(suite.org.admin.auth()).expect(200);
    const requested = await http()
      .patch(`${API}/users/${user.id}`)
      .set(suite.org.admin.auth())
      .send({ active: false, version: current.body.version })
      .expect(202);
    await approveRequest(suite.api, suite.org.admin, requested.body.id);
    expect((await refresh(phone)).body.type).toBe(problemType('device-revoked'));
    await finalReads(phone.deviceId, {
      refreshToken: phone.refreshToken,
      reads: [{ id: randomUUID(), caseId, fields: ['survivor.phone'], at }],
    }).expect(202);
    expect((await deviceReadsOf(user.id)).map((event) => [event.subjectId, event.fields])).toEqual([
      [caseId, ['survivor.phone']],
    ]);
  });

  it('refuses an older token of the phone, another phone’s token, and any token of a phone not revoked, with 401, taking nothing', async () => {
    const { user, caseId } = await companionWithCase();
    const earlierFamily = await setUp(user);
    const first = await setUp(user, earlierFamily.deviceId);
    const phone = await renewed(first);
    const active = await setUp(user);
    const reads = [{ id: randomUUID(), caseId, fields: ['survivor.name'], at }];

    // Not revoked: refused, and the token still renews the phone's session.
    expectUnauthenticated(await finalReads(active.deviceId, { refreshToken: active.refreshToken, reads }));
    const stillActive = await renewed(active);

    await revokeByAdmin(phone);
    // The token it held before its last refresh, and its earlier family's (never rotated): not its latest.
    expectUnauthenticated(await finalReads(phone.deviceId, { refreshToken: first.refreshToken, reads }));
    expectUnauthenticated(await finalReads(phone.deviceId, { refreshToken: earlierFamily.refreshToken, reads }));
    // Another phone's token (active), and a made-up one.
    expectUnauthenticated(await finalReads(phone.deviceId, { refreshToken: stillActive.refreshToken, reads }));
    expectUnauthenticated(
      await finalReads(phone.deviceId, { refreshToken: randomBytes(32).toString('base64url'), reads }),
    );
    // Its own token under another phone's id.
    expectUnauthenticated(await finalReads(active.deviceId, { refreshToken: phone.refreshToken, reads }));
    // An unknown phone.
    expectUnauthenticated(await finalReads(randomUUID(), { refreshToken: phone.refreshToken, reads }));
    // An expired token.
    await suite.dataSource.query(
      `UPDATE refresh_tokens SET expires_at = now() - interval '1 second' WHERE device_id = $1 AND rotated_at IS NULL`,
      [phone.deviceId],
    );
    expectUnauthenticated(await finalReads(phone.deviceId, { refreshToken: phone.refreshToken, reads }));
    expect(await deviceReadsOf(user.id)).toEqual([]);
  });

  it('refuses bad input with 400 (a malformed phone id 404), consuming nothing', async () => {
    const { user, caseId } = await companionWithCase();
    const phone = await setUp(user);
    await revokeByAdmin(phone);
    const good = { id: randomUUID(), caseId, fields: ['survivor.name'], at };
    for (const [deviceId, body] of [
      [phone.deviceId, {}],
      [phone.deviceId, { reads: [good] }],
      [phone.deviceId, { refreshToken: 'short', reads: [good] }],
      [phone.deviceId, { refreshToken: 42, reads: [good] }],
      [phone.deviceId, { refreshToken: phone.refreshToken }],
      [phone.deviceId, { refreshToken: phone.refreshToken, reads: [] }],
      [phone.deviceId, { refreshToken: phone.refreshToken, reads: [{ ...good, caseId: 'not-an-id' }] }],
      [phone.deviceId, { refreshToken: phone.refreshToken, reads: [{ ...good, fields: ['survivor.secretValue'] }] }],
      [phone.deviceId, { refreshToken: phone.refreshToken, reads: [{ ...good, at: '2026-12-01T08:30:00' }] }],
      [phone.deviceId, { refreshToken: phone.refreshToken, reads: Array.from({ length: 501 }, () => good) }],
      [phone.deviceId, { refreshToken: phone.refreshToken, reads: [good], extra: true }],
      [phone.deviceId, { refreshToken: phone.refreshToken, reads: [{ ...good, id: undefined }] }],
      [phone.deviceId, { refreshToken: phone.refreshToken, reads: [{ ...good, id: 'not-an-id' }] }],
    ] as const) {
      const response = await finalReads(deviceId, body);
      expect({ status: response.status, type: response.body.type }).toEqual({
        status: 400,
        type: problemType('validation-failed'),
      });
    }
    // A path that names no phone: as every route with an id, 404.
    const unnamed = await finalReads('not-a-phone', { refreshToken: phone.refreshToken, reads: [good] });
    expect({ status: unnamed.status, type: unnamed.body.type }).toEqual({
      status: 404,
      type: problemType('not-found'),
    });
    expect(await deviceReadsOf(user.id)).toEqual([]);
    // Nothing was consumed: the good request is still taken.
    await finalReads(phone.deviceId, { refreshToken: phone.refreshToken, reads: [good] }).expect(202);
    expect(await deviceReadsOf(user.id)).toHaveLength(1);
  });

  it('takes one of two requests sent at once with the same token', async () => {
    const { user, caseId } = await companionWithCase();
    const phone = await setUp(user);
    await revokeByAdmin(phone);
    const body = {
      refreshToken: phone.refreshToken,
      reads: [{ id: randomUUID(), caseId, fields: ['survivor.name'], at }],
    };
    const statuses = (await Promise.all([finalReads(phone.deviceId, body), finalReads(phone.deviceId, body)])).map(
      (response) => response.status,
    );
    expect(statuses.sort()).toEqual([202, 401]);
    expect(await deviceReadsOf(user.id)).toHaveLength(1);
  });

  it('records nothing twice: a read her last sync delivered (its answer lost) is not recorded again, a new one is', async () => {
    const { user, caseId } = await companionWithCase();
    const phone = await setUp(user);
    const delivered = { id: randomUUID(), caseId, fields: ['survivor.name'], at };
    await http()
      .post(`${API}/sync/reads`)
      .set(user.auth())
      .send({ reads: [delivered] })
      .expect(202);
    await revokeByAdmin(phone);
    const later = { id: randomUUID(), caseId, fields: ['narrative'], at };
    await finalReads(phone.deviceId, { refreshToken: phone.refreshToken, reads: [delivered, later, later] }).expect(
      202,
    );
    expect((await deviceReadsOf(user.id)).map((event) => event.fields)).toEqual([['survivor.name'], ['narrative']]);
  });
});
