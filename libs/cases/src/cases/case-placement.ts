import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { RequestAuth, ScopedResources } from '@pendamping/auth';
import { GROUPS, REGIONS, VILLAGES } from '@pendamping/auth/organizations/directory.specs';
import { DomainError } from '@pendamping/core';
import { DataSource, EntityManager } from 'typeorm';

export interface CasePlace {
  regionId: string;
  regionCode: string;
  villageId: string | null;
  groupId: string | null;
}

const refused = (field: string, message: string) =>
  new DomainError('business-rule', `${field} ${message}.`, { errors: [{ field, message }] });

/**
 * Where a case sits and who may be put on it. Places are looked up through the caller's own read
 * scope, so a village or group the caller cannot see is refused like one that does not exist.
 */
@Injectable()
export class CasePlacement {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly resources: ScopedResources,
  ) {}

  /** The region follows the village, the village follows the group; a group must be of the village. */
  async resolve(
    auth: RequestAuth,
    input: { regionId?: string; villageId?: string | null; groupId?: string | null },
    current?: CasePlace,
  ): Promise<CasePlace> {
    const groupId = input.groupId !== undefined ? input.groupId : (current?.groupId ?? null);
    let villageId = input.villageId !== undefined ? input.villageId : (current?.villageId ?? null);
    if (groupId) {
      const [group] = await this.resources.referenced(GROUPS, auth, [groupId], 'groupId');
      if (villageId && group.villageId !== villageId) throw refused('groupId', "is not a group of the case's village");
      villageId = group.villageId;
    }
    let regionId = input.regionId ?? current?.regionId;
    if (villageId) regionId = (await this.resources.referenced(VILLAGES, auth, [villageId], 'villageId'))[0].regionId;
    if (!regionId)
      throw new DomainError('validation-failed', 'A case needs villageId or regionId.', {
        errors: [{ field: 'villageId', message: 'villageId or regionId is required' }],
      });
    const [region] = await this.resources.referenced(REGIONS, auth, [regionId], 'regionId');
    return { regionId, regionCode: region.code, villageId, groupId };
  }

  /**
   * SPEC §3: a case's companions are active companions of a group of its village, or of its
   * region when it has no village.
   */
  async assignable(
    userIds: readonly string[],
    organizationId: string,
    place: Pick<CasePlace, 'regionId' | 'villageId'>,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<Set<string>> {
    if (userIds.length === 0) return new Set();
    const rows = (await manager.query(
      `SELECT u.id FROM users u
        WHERE u.id = ANY($1::uuid[]) AND u.organization_id = $2 AND u.active AND u.role = 'companion'
          AND EXISTS (SELECT 1 FROM user_groups ug JOIN groups g ON g.id = ug.group_id
                       WHERE ug.user_id = u.id AND (CASE WHEN $3::uuid IS NULL THEN g.region_id = $4 ELSE g.village_id = $3 END))`,
      [[...userIds], organizationId, place.villageId, place.regionId],
    )) as { id: string }[];
    return new Set(rows.map((row) => row.id));
  }

  async assertAssignable(
    manager: EntityManager,
    organizationId: string,
    place: Pick<CasePlace, 'regionId' | 'villageId'>,
    assignees: { assignedCompanionId?: string | null; coCompanionId?: string | null },
    excludedUserIds: readonly string[],
  ): Promise<void> {
    const named = Object.entries(assignees).filter((entry): entry is [string, string] => typeof entry[1] === 'string');
    if (assignees.assignedCompanionId && assignees.assignedCompanionId === assignees.coCompanionId) {
      throw refused('coCompanionId', 'must be another companion than assignedCompanionId');
    }
    const allowed = await this.assignable(
      named.map(([, id]) => id),
      organizationId,
      place,
      manager,
    );
    for (const [field, id] of named) {
      if (!allowed.has(id))
        throw refused(
          field,
          "must be an active companion of a group of the case's village (or region, for a case without a village)",
        );
      if (excludedUserIds.includes(id)) throw refused(field, 'names a user excluded from this case');
    }
  }

  /** Excluded users are users of the organisation, never the one excluding them nor the case's companions. */
  async assertExcludable(
    manager: EntityManager,
    auth: RequestAuth,
    excludedUserIds: readonly string[],
    assignees: readonly (string | null)[],
  ): Promise<void> {
    if (excludedUserIds.length === 0) return;
    if (excludedUserIds.includes(auth.actor.userId)) throw refused('excludedUserIds', 'cannot name yourself');
    if (excludedUserIds.some((id) => assignees.includes(id)))
      throw refused('excludedUserIds', 'names a companion of the case; reassign the case first');
    const [{ count }] = (await manager.query(
      'SELECT count(*)::int AS count FROM users WHERE id = ANY($1::uuid[]) AND organization_id = $2',
      [[...new Set(excludedUserIds)], auth.actor.organizationId],
    )) as { count: number }[];
    if (count !== new Set(excludedUserIds).size) throw refused('excludedUserIds', 'names a user you cannot use');
  }
}
