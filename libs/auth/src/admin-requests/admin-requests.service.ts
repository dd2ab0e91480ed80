import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DomainError, staleVersion } from '@pendamping/core';
import { DataSource, EntityManager } from 'typeorm';
import { AuditInput, AuditWriter } from '../audit/audit.writer';
import { generateTemporaryPassword, hashPassword, TemporaryPassword } from '../authentication';
import { FieldEncryption } from '../crypto-store/field-encryption.service';
import { PageQuery } from '../organizations/directory.service';
import { uniqueOr409 } from '../organizations/unique-violation';
import { assertWritable } from '../permissions/field-access';
import { RequestAuth } from '../permissions/request-auth';
import { eachRow, ResourceSpec, ScopedResources } from '../permissions/scoped-resources';
import { RecoveryCodeEntity } from '../sessions/session.entities';
import { SessionIssuer } from '../sessions/session-issuer';
import { Role } from '../users/roles';
import { ResetNotice, UserEntity } from '../users/user.entity';
import { USERS, UsersService } from '../users/users.service';
import { AdminRequestEntity, AdminRequestKind, AdminRequestPayload } from './admin-request.entity';
import { revokeDevices } from '../devices/devices.service';

export interface AdminRequestInput extends AdminRequestPayload {
  kind: AdminRequestKind;
  subjectId?: string;
}

/** Who decides: an org_admin through the API, or the operator's CLI where no eligible one exists. */
type Decider = { kind: 'user'; auth: RequestAuth } | { kind: 'operator' };

const HALF_FIELD = { table: 'admin_requests', column: 'requester_half' } as const;
const OPERATOR_REQUEST_ID = 'operator-cli';

/** Which payload fields each kind takes: required ones, and those it may carry. */
const KIND_FIELDS: Record<
  AdminRequestKind,
  { subject: boolean; required: (keyof AdminRequestPayload)[]; optional: (keyof AdminRequestPayload)[] }
> = {
  create_user: { subject: false, required: ['email', 'name', 'role'], optional: ['groupIds', 'regionIds'] },
  change_role: { subject: true, required: [], optional: ['role', 'groupIds', 'regionIds'] },
  change_active: { subject: true, required: ['active'], optional: [] },
  reset_password: { subject: true, required: [], optional: [] },
  reset_totp: { subject: true, required: [], optional: [] },
};
const PAYLOAD_FIELDS: (keyof AdminRequestPayload)[] = ['email', 'name', 'role', 'groupIds', 'regionIds', 'active'];

export const ADMIN_REQUESTS: ResourceSpec<AdminRequestEntity> = {
  entity: AdminRequestEntity,
  subject: 'AdminRequest',
  views: eachRow((row) => ({
    id: row.id,
    kind: row.kind,
    state: row.state,
    subjectId: row.subjectId,
    email: row.payload.email ?? null,
    name: row.payload.name ?? null,
    role: row.payload.role ?? null,
    groupIds: row.payload.groupIds ?? null,
    regionIds: row.payload.regionIds ?? null,
    active: row.payload.active ?? null,
    requestedBy: row.requestedBy,
    decidedBy: row.decidedBy,
    decidedByOperator: row.decidedByOperator,
    decidedAt: row.decidedAt?.toISOString() ?? null,
    requesterHalfWaiting: row.requesterHalf !== null,
    version: row.version,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  })),
};

/**
 * SPEC §8 "no administrator alone gets into case content": every creation of a user, change of
 * role, scope or activity and reset of a password or second factor is a request; a second
 * org_admin approves or refuses it (the rules table keeps requester, approver and subject
 * apart); a temporary password is generated at approval and handed out in two halves.
 */
@Injectable()
export class AdminRequestsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly resources: ScopedResources,
    private readonly users: UsersService,
    private readonly sessions: SessionIssuer,
    private readonly encryption: FieldEncryption,
    private readonly audit: AuditWriter,
  ) {}

  list(auth: RequestAuth, page: PageQuery) {
    return this.resources.list(ADMIN_REQUESTS, auth, page);
  }

  get(auth: RequestAuth, id: string) {
    return this.resources.get(ADMIN_REQUESTS, auth, id);
  }

  async request(auth: RequestAuth, input: AdminRequestInput) {
    const shape = KIND_FIELDS[input.kind];
    const misplaced = [
      ...PAYLOAD_FIELDS.filter(
        (field) => input[field] !== undefined && !shape.required.includes(field) && !shape.optional.includes(field),
      ),
      ...(input.subjectId !== undefined && !shape.subject ? ['subjectId'] : []),
    ];
    const missing = [
      ...shape.required.filter((field) => input[field] === undefined),
      ...(shape.subject && input.subjectId === undefined ? ['subjectId'] : []),
    ];
    if (misplaced.length + missing.length > 0) {
      throw new DomainError('validation-failed', `A ${input.kind} request has other fields.`, {
        errors: [
          ...missing.map((field) => ({ field, message: 'is required' })),
          ...misplaced.map((field) => ({ field, message: `not part of ${input.kind}` })),
        ],
      });
    }
    const subject = input.subjectId
      ? await this.resources.findVisible(this.dataSource.manager, USERS, auth, input.subjectId)
      : undefined;
    return this.file(auth, input.kind, subject, await this.payloadFor(auth, input, subject));
  }

  /**
   * `PATCH /users/:id` with a role, scope or activity: the request for it (202), if the caller's
   * version of the user is current.
   */
  async requestChange(auth: RequestAuth, userId: string, version: number, changes: AdminRequestPayload) {
    const subject = await this.resources.findVisible(this.dataSource.manager, USERS, auth, userId);
    await this.resources.refuseForbidden(auth, 'User', userId, () =>
      assertWritable(auth.ability, 'update', 'User', { ...subject }, changes),
    );
    if (subject.version !== version) throw staleVersion(subject.version);
    const kind: AdminRequestKind = changes.active !== undefined ? 'change_active' : 'change_role';
    const { email, name, ...requested } = changes;
    const requestedFields = Object.keys(requested).filter(
      (field) => requested[field as keyof typeof requested] !== undefined,
    );
    if (email !== undefined || name !== undefined || (kind === 'change_active' && requestedFields.length > 1)) {
      throw new DomainError(
        'validation-failed',
        'A change of name or email, of role or scope, and of activity are separate requests.',
        {
          errors: [{ field: kind === 'change_active' ? 'active' : 'role', message: 'send it in a request of its own' }],
        },
      );
    }
    return this.request(auth, { kind, subjectId: userId, ...requested });
  }

  /** The approver's answer carries the second half of a temporary password, once. */
  async approve(auth: RequestAuth, id: string) {
    let temporary: TemporaryPassword | undefined;
    const view = await this.resources.act(
      ADMIN_REQUESTS,
      auth,
      id,
      { action: 'approve', fields: ['state'] },
      async (manager, request) => {
        temporary = await this.carryOut(manager, request, { kind: 'user', auth });
      },
    );
    return temporary ? { ...view, temporaryPassword: { secondHalf: temporary.secondHalf } } : view;
  }

  refuse(auth: RequestAuth, id: string) {
    return this.resources.act(
      ADMIN_REQUESTS,
      auth,
      id,
      { action: 'refuse', fields: ['state'] },
      async (manager, request) => {
        this.assertPending(request);
        await manager.update(
          AdminRequestEntity,
          { id },
          { state: 'refused', decidedBy: auth.actor.userId, decidedAt: new Date() },
        );
      },
    );
  }

  /** The requester collects her half of the temporary password, once: it is cleared as it is shown. */
  async collectHalf(auth: RequestAuth, id: string): Promise<{ firstHalf: string }> {
    let firstHalf: string | undefined;
    await this.resources.act(
      ADMIN_REQUESTS,
      auth,
      id,
      { action: 'collect', fields: ['requesterHalf'] },
      async (manager, request) => {
        const dataKey = await this.encryption.dataKey(manager, { table: 'admin_requests', id });
        if (!request.requesterHalf || !dataKey)
          throw new DomainError(
            'conflict',
            'There is no half of a temporary password waiting for you on this request.',
          );
        firstHalf = this.encryption.decrypt(dataKey, { ...HALF_FIELD, rowId: id }, request.requesterHalf);
        await manager.update(AdminRequestEntity, { id }, { requesterHalf: null });
        await this.encryption.shred(manager, { table: 'admin_requests', id });
      },
    );
    return { firstHalf: firstHalf as string };
  }

  /**
   * The operator approves where no org_admin may (one admin, or a request about one of two) and
   * receives both halves. Where an eligible approver exists, the request is theirs to decide.
   */
  async approveAsOperator(
    id: string,
  ): Promise<{ request: AdminRequestEntity; temporaryPassword?: { firstHalf: string; secondHalf: string } }> {
    return this.dataSource.transaction(async (manager) => {
      const request = await manager.findOne(AdminRequestEntity, { where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!request) throw new DomainError('not-found', 'No such administration request.');
      const [{ eligible }] = (await manager.query(
        `SELECT count(*)::int AS eligible FROM users WHERE organization_id = $1 AND role = 'org_admin' AND active AND id <> $2 AND id IS DISTINCT FROM $3`,
        [request.organizationId, request.requestedBy, request.subjectId],
      )) as { eligible: number }[];
      if (eligible > 0)
        throw new DomainError(
          'conflict',
          'Another org_admin of the organisation can decide this request; the operator approves only where none can.',
        );
      const temporary = await this.carryOut(manager, request, { kind: 'operator' });
      await manager
        .createQueryBuilder()
        .update(AdminRequestEntity)
        .set({ version: request.version + 1 })
        .where('id = :id', { id })
        .execute();
      await this.audit.record(
        manager,
        this.operatorEvent(request.organizationId, 'approve', 'AdminRequest', id, ['state']),
      );
      const decided = await manager.findOneByOrFail(AdminRequestEntity, { id });
      return {
        request: decided,
        ...(temporary
          ? { temporaryPassword: { firstHalf: temporary.firstHalf, secondHalf: temporary.secondHalf } }
          : {}),
      };
    });
  }

  private async payloadFor(
    auth: RequestAuth,
    input: AdminRequestInput,
    subject: UserEntity | undefined,
  ): Promise<AdminRequestPayload> {
    switch (input.kind) {
      case 'create_user': {
        const email = (input.email as string).trim().toLowerCase();
        const [{ taken }] = (await this.dataSource.query(
          `SELECT EXISTS (SELECT 1 FROM users WHERE email = $1)
               OR EXISTS (SELECT 1 FROM admin_requests WHERE kind = 'create_user' AND state = 'pending' AND payload->>'email' = $1) AS taken`,
          [email],
        )) as { taken: boolean }[];
        if (taken)
          throw new DomainError('conflict', 'A user with this email exists or is waiting for approval.', {
            errors: [{ field: 'email', message: 'already used' }],
          });
        const scope = await this.users.scopeFor(auth, input.role as Role, input.groupIds, input.regionIds);
        return { email, name: input.name, role: input.role, ...this.scopeFields(input.role as Role, scope) };
      }
      case 'change_role': {
        const current = subject as UserEntity;
        const role = input.role ?? current.role;
        if (input.role === undefined && input.groupIds === undefined && input.regionIds === undefined) {
          throw new DomainError('validation-failed', 'A change_role request names a role or a scope.', {
            errors: [{ field: 'role', message: 'is required' }],
          });
        }
        // The scope is replaced when new ids are sent, or when the role changes to one with another kind of scope.
        const scopeChanges =
          this.users.scopeKindChanges(current.role, role) ||
          input.groupIds !== undefined ||
          input.regionIds !== undefined;
        const scope = scopeChanges ? await this.users.scopeFor(auth, role, input.groupIds, input.regionIds) : undefined;
        return { ...(input.role !== undefined ? { role } : {}), ...(scope ? this.scopeFields(role, scope) : {}) };
      }
      case 'change_active':
        return { active: input.active };
      default:
        return {};
    }
  }

  private scopeFields(role: Role, scope: { groupIds: string[]; regionIds: string[] }): AdminRequestPayload {
    const kind = this.users.scopeKindOf(role);
    // A role without a scope of its own (reviewer, org_admin) clears whatever scope the user had.
    return kind === 'groups'
      ? { groupIds: scope.groupIds }
      : kind === 'regions'
        ? { regionIds: scope.regionIds }
        : { groupIds: [], regionIds: [] };
  }

  private async file(
    auth: RequestAuth,
    kind: AdminRequestKind,
    subject: UserEntity | undefined,
    payload: AdminRequestPayload,
  ) {
    const organizationId = auth.actor.organizationId;
    const record = { organizationId, requestedBy: auth.actor.userId, subjectId: subject?.id ?? null };
    await this.resources.assertAllowed(auth, 'create', 'AdminRequest', null, record);
    const id = await this.dataSource.transaction(async (manager) => {
      const created = (await manager.insert(AdminRequestEntity, { ...record, kind, payload })).identifiers[0]
        .id as string;
      await this.audit.record(
        manager,
        this.resources.event(
          auth,
          'create',
          'AdminRequest',
          created,
          ['kind', ...(subject ? ['subjectId'] : []), ...Object.keys(payload)],
          'success',
        ),
      );
      return created;
    });
    return this.get(auth, id);
  }

  private assertPending(request: AdminRequestEntity): void {
    if (request.state !== 'pending') throw new DomainError('conflict', `This request was ${request.state} already.`);
  }

  /**
   * Applies an approved request to its user, in the approval's transaction, and marks it approved.
   * Where a temporary password is made, an org_admin's approval seals the requester's half on the
   * request for her to collect; the operator receives both halves.
   */
  private async carryOut(
    manager: EntityManager,
    request: AdminRequestEntity,
    decider: Decider,
  ): Promise<TemporaryPassword | undefined> {
    this.assertPending(request);
    const temporary =
      request.kind === 'create_user' || request.kind === 'reset_password' ? generateTemporaryPassword() : undefined;
    const subjectId = await this.applyToUser(
      manager,
      request,
      decider,
      temporary ? await hashPassword(temporary.whole) : undefined,
    );
    const decision = {
      state: 'approved' as const,
      subjectId,
      decidedAt: new Date(),
      decidedBy: decider.kind === 'user' ? decider.auth.actor.userId : null,
      decidedByOperator: decider.kind === 'operator',
    };
    if (temporary && decider.kind === 'user') {
      const dataKey = await this.encryption.ensureDataKey(
        manager,
        { table: 'admin_requests', id: request.id },
        request.organizationId,
      );
      const requesterHalf = this.encryption.encrypt(dataKey, { ...HALF_FIELD, rowId: request.id }, temporary.firstHalf);
      await manager.update(AdminRequestEntity, { id: request.id }, { ...decision, requesterHalf });
    } else {
      await manager.update(AdminRequestEntity, { id: request.id }, decision);
    }
    return temporary;
  }

  /** The change itself, audited as the decider's act on the user. Returns the user's id. */
  private async applyToUser(
    manager: EntityManager,
    request: AdminRequestEntity,
    decider: Decider,
    passwordHash: string | undefined,
  ): Promise<string> {
    const { organizationId, payload } = request;
    const audit = (action: string, subjectId: string, fields: string[]) =>
      this.audit.record(
        manager,
        decider.kind === 'user'
          ? this.resources.event(decider.auth, action, 'User', subjectId, fields, 'success')
          : this.operatorEvent(organizationId, action, 'User', subjectId, fields),
      );
    const fields = Object.keys(payload);
    if (request.kind === 'create_user') {
      const id = await uniqueOr409(
        async () =>
          (
            await manager.insert(UserEntity, {
              organizationId,
              email: payload.email,
              name: payload.name,
              role: payload.role,
              passwordHash,
              passwordChangeRequired: true,
            })
          ).identifiers[0].id as string,
        { UQ_users_email: 'email' },
      );
      await this.users.replaceScope(manager, organizationId, id, payload.groupIds ?? [], payload.regionIds ?? []);
      await audit('create', id, [...fields, 'password']);
      return id;
    }
    const subjectId = request.subjectId as string;
    const user = await manager.findOneOrFail(UserEntity, {
      where: { id: subjectId },
      lock: { mode: 'pessimistic_write' },
    });
    const notice: ResetNotice = {
      kind: request.kind === 'reset_totp' ? 'reset_totp' : 'reset_password',
      requestId: request.id,
      requestedBy: request.requestedBy,
      approvedBy: decider.kind === 'user' ? decider.auth.actor.userId : null,
      at: new Date().toISOString(),
    };
    switch (request.kind) {
      case 'change_role':
        await manager.update(
          UserEntity,
          { id: subjectId },
          { ...(payload.role ? { role: payload.role } : {}), version: user.version + 1 },
        );
        if (payload.groupIds !== undefined || payload.regionIds !== undefined) {
          await this.users.replaceScope(
            manager,
            organizationId,
            subjectId,
            payload.groupIds ?? [],
            payload.regionIds ?? [],
          );
        }
        // SPEC §8: a new role is a new session; a change of scope alone applies on the next request.
        if (payload.role && payload.role !== user.role) await this.sessions.endAllOf(manager, subjectId);
        break;
      case 'change_active':
        await manager.update(UserEntity, { id: subjectId }, { active: payload.active, version: user.version + 1 });
        if (payload.active === false) {
          await this.sessions.endAllOf(manager, subjectId);
          // SPEC §12: deactivating a user revokes all her phones (a reset or a role change keeps them).
          for (const deviceId of await revokeDevices(manager, this.sessions, { userId: subjectId }))
            await this.audit.record(
              manager,
              decider.kind === 'user'
                ? this.resources.event(decider.auth, 'device_revoke', 'Device', deviceId, ['revokedAt'], 'success')
                : this.operatorEvent(organizationId, 'device_revoke', 'Device', deviceId, ['revokedAt']),
            );
        }
        break;
      case 'reset_password':
        await manager.update(
          UserEntity,
          { id: subjectId },
          {
            passwordHash,
            passwordChangeRequired: true,
            failedLogins: 0,
            lockedUntil: null,
            resetNotice: notice,
            version: user.version + 1,
          },
        );
        await this.sessions.endAllOf(manager, subjectId);
        break;
      case 'reset_totp':
        await manager.update(
          UserEntity,
          { id: subjectId },
          {
            totpSecret: null,
            totpEnrolledAt: null,
            totpLastStep: null,
            resetNotice: notice,
            version: user.version + 1,
          },
        );
        await manager.delete(RecoveryCodeEntity, { userId: subjectId });
        await this.sessions.endAllOf(manager, subjectId);
        break;
    }
    await audit(
      request.kind === 'change_role' || request.kind === 'change_active' ? 'update' : request.kind,
      subjectId,
      request.kind === 'reset_password' ? ['password'] : request.kind === 'reset_totp' ? ['mfaEnrolled'] : fields,
    );
    return subjectId;
  }

  private operatorEvent(
    organizationId: string,
    action: string,
    subject: string,
    subjectId: string,
    fields: string[],
  ): AuditInput {
    return {
      organizationId,
      actor: null,
      action,
      subject,
      subjectId,
      fields,
      outcome: 'success',
      requestId: OPERATOR_REQUEST_ID,
    };
  }
}
