import { subject as asSubject } from '@casl/ability';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DomainError } from '@pendamping/core';
import { DataSource, EntityManager, In } from 'typeorm';
import { AuditWriter } from '../audit/audit.writer';
import { GROUPS, REGIONS } from '../organizations/directory.specs';
import { uniqueOr409 } from '../organizations/unique-violation';
import { PageQuery } from '../organizations/directory.service';
import { RequestAuth } from '../permissions/request-auth';
import { eachRow, ResourceSpec, ScopedResources } from '../permissions/scoped-resources';
import { allowanceFor } from '../permissions/record-allowance';
import { readableView } from '../permissions/field-access';
import { Role } from './roles';
import { UserEntity } from './user.entity';
import { UserGroupEntity, UserRegionEntity } from './user-scope.entities';

/** What changes at once: a user's name and email. Role, scope and activity are administration requests. */
export type UserChanges = { email?: string; name?: string };

type UserWithScope = UserEntity & { groupIds: string[]; regionIds: string[] };

export const USERS: ResourceSpec<UserEntity> = {
  entity: UserEntity,
  subject: 'User',
  views: eachRow((row) => {
    const scoped = row as UserWithScope;
    return {
      id: row.id,
      email: row.email,
      name: row.name,
      role: row.role,
      active: row.active,
      groupIds: scoped.groupIds ?? [],
      regionIds: scoped.regionIds ?? [],
      mfaEnrolled: row.totpEnrolledAt !== null,
      version: row.version,
      createdAt: row.createdAt.toISOString(),
      updatedAt: row.updatedAt.toISOString(),
    };
  }),
};

/** The scope a role carries: companions belong to groups, coordinators to regions, the rest to the organisation. */
const SCOPE_OF_ROLE: Record<Role, 'groups' | 'regions' | 'none'> = {
  companion: 'groups',
  coordinator: 'regions',
  reviewer: 'none',
  org_admin: 'none',
};

@Injectable()
export class UsersService {
  constructor(
    private readonly resources: ScopedResources,
    private readonly audit: AuditWriter,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  async list(auth: RequestAuth, page: PageQuery) {
    const result = await this.resources.list(USERS, auth, page);
    return { ...result, items: await this.withScopes(result.items) };
  }

  async get(auth: RequestAuth, id: string) {
    const [view] = await this.withScopes([await this.resources.get(USERS, auth, id)]);
    return view;
  }

  async update(auth: RequestAuth, id: string, version: number, body: UserChanges) {
    await this.resources.update(USERS, auth, id, version, body, async (manager) => {
      const columns = {
        ...(body.email !== undefined ? { email: body.email.trim().toLowerCase() } : {}),
        ...(body.name !== undefined ? { name: body.name } : {}),
      };
      if (Object.keys(columns).length > 0)
        await uniqueOr409(() => manager.update(UserEntity, { id }, columns), { UQ_users_email: 'email' });
    });
    return this.get(auth, id);
  }

  async addGroupMember(auth: RequestAuth, groupId: string, userId: string) {
    const organizationId = auth.actor.organizationId;
    const regionOf = await this.dataSource.transaction(async (manager) => {
      const group = await this.resources.findVisible(manager, GROUPS, auth, groupId);
      await this.resources.refuseForbidden(auth, 'GroupMember', groupId, () => {
        if (
          !auth.ability.can(
            'create',
            asSubject('GroupMember', { organizationId, groupId, regionId: group.regionId } as Record<string, unknown>),
          )
        ) {
          throw new DomainError('forbidden', 'You may not change the members of this group.');
        }
      });
      const user = await manager.findOneBy(UserEntity, { id: userId, organizationId });
      if (!user)
        throw new DomainError('business-rule', 'userId does not name a user of your organisation.', {
          errors: [{ field: 'userId', message: 'not found' }],
        });
      if (SCOPE_OF_ROLE[user.role] !== 'groups')
        throw new DomainError('business-rule', 'Only companions are members of groups.', {
          errors: [{ field: 'userId', message: 'is not a companion' }],
        });
      await manager
        .createQueryBuilder()
        .insert()
        .into(UserGroupEntity)
        .values({ userId, groupId, organizationId })
        .orIgnore()
        .execute();
      await this.audit.record(
        manager,
        this.resources.event(auth, 'create', 'GroupMember', `${groupId}/${userId}`, ['userId'], 'success'),
      );
      return { regionId: group.regionId };
    });
    const membership = { organizationId, groupId, regionId: regionOf.regionId };
    return {
      ...readableView(auth.ability, 'GroupMember', membership, { groupId, userId }),
      allowed: allowanceFor(auth.ability, 'GroupMember', membership),
    };
  }

  scopeKindOf(role: Role) {
    return SCOPE_OF_ROLE[role];
  }

  /** A role with another kind of scope (groups, regions, none) brings a new scope. */
  scopeKindChanges(from: Role, to: Role): boolean {
    return SCOPE_OF_ROLE[from] !== SCOPE_OF_ROLE[to];
  }

  /** Scope ids must fit the role and name groups or regions the caller can see in their organisation. */
  async scopeFor(auth: RequestAuth, role: Role, groupIds: string[] = [], regionIds: string[] = []) {
    const kind = SCOPE_OF_ROLE[role];
    const misplaced = [
      ...(kind !== 'groups' && groupIds.length ? ['groupIds'] : []),
      ...(kind !== 'regions' && regionIds.length ? ['regionIds'] : []),
    ];
    if (misplaced.length > 0) {
      throw new DomainError('business-rule', `A ${role} has no ${misplaced.join(' or ')}.`, {
        errors: misplaced.map((field) => ({ field, message: `not allowed for ${role}` })),
      });
    }
    const groups = await this.resources.referenced(GROUPS, auth, groupIds, 'groupIds');
    const regions = await this.resources.referenced(REGIONS, auth, regionIds, 'regionIds');
    return { groupIds: groups.map((group) => group.id), regionIds: regions.map((region) => region.id) };
  }

  async replaceScope(
    manager: EntityManager,
    organizationId: string,
    userId: string,
    groupIds: string[],
    regionIds: string[],
  ) {
    await manager.delete(UserGroupEntity, { userId });
    await manager.delete(UserRegionEntity, { userId });
    if (groupIds.length)
      await manager.insert(
        UserGroupEntity,
        groupIds.map((groupId) => ({ userId, groupId, organizationId })),
      );
    if (regionIds.length)
      await manager.insert(
        UserRegionEntity,
        regionIds.map((regionId) => ({ userId, regionId, organizationId })),
      );
  }

  /** Adds scope ids to user views that may show them (the rules decide whether groupIds/regionIds are readable). */
  private async withScopes(views: Record<string, unknown>[]) {
    const ids = views.map((view) => view.id as string);
    if (ids.length === 0) return views;
    const [groups, regions] = await Promise.all([
      this.dataSource.getRepository(UserGroupEntity).find({ where: { userId: In(ids) } }),
      this.dataSource.getRepository(UserRegionEntity).find({ where: { userId: In(ids) } }),
    ]);
    return views.map((view) => {
      const scoped = { ...view };
      if ('groupIds' in view)
        scoped.groupIds = groups.filter((row) => row.userId === view.id).map((row) => row.groupId);
      if ('regionIds' in view)
        scoped.regionIds = regions.filter((row) => row.userId === view.id).map((row) => row.regionId);
      return scoped;
    });
  }
}
