import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { Role } from '../users/roles';
import { UserActor } from './actor';

interface ActorRow {
  id: string;
  organization_id: string;
  role: Role;
  coordinated_region_ids: string[];
  member_group_ids: string[];
  member_village_ids: string[];
  member_region_ids: string[];
}

/**
 * One query per request: the user, if active and their session (refresh-token family) is live,
 * with their current scope. Which scope counts for which role is the rules table's business.
 */
@Injectable()
export class ActorLoader {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async load(userId: string, organizationId: string, sessionId: string): Promise<UserActor | undefined> {
    return this.query(userId, organizationId, sessionId);
  }

  /** For work done later on a user's behalf (a report job): their role and scope as they are now, if still active. */
  async loadForJob(userId: string, organizationId: string): Promise<UserActor | undefined> {
    return this.query(userId, organizationId, null);
  }

  private async query(userId: string, organizationId: string, sessionId: string | null): Promise<UserActor | undefined> {
    const [row] = (await this.dataSource.query(
      `SELECT u.id, u.organization_id, u.role,
              COALESCE((SELECT array_agg(ur.region_id) FROM user_regions ur WHERE ur.user_id = u.id), '{}') AS coordinated_region_ids,
              COALESCE((SELECT array_agg(g.id) FROM user_groups ug JOIN groups g ON g.id = ug.group_id WHERE ug.user_id = u.id), '{}') AS member_group_ids,
              COALESCE((SELECT array_agg(DISTINCT g.village_id) FROM user_groups ug JOIN groups g ON g.id = ug.group_id WHERE ug.user_id = u.id), '{}') AS member_village_ids,
              COALESCE((SELECT array_agg(DISTINCT g.region_id) FROM user_groups ug JOIN groups g ON g.id = ug.group_id WHERE ug.user_id = u.id), '{}') AS member_region_ids
         FROM users u
        WHERE u.id = $1 AND u.organization_id = $2 AND u.active
          AND ($3::uuid IS NULL OR EXISTS (SELECT 1 FROM refresh_tokens t WHERE t.family_id = $3 AND t.user_id = u.id AND t.revoked_at IS NULL AND t.expires_at > now()))`,
      [userId, organizationId, sessionId],
    )) as ActorRow[];
    if (!row) return undefined;
    return {
      kind: 'user',
      userId: row.id,
      organizationId: row.organization_id,
      role: row.role,
      coordinatedRegionIds: row.coordinated_region_ids,
      memberGroupIds: row.member_group_ids,
      memberVillageIds: row.member_village_ids,
      memberRegionIds: row.member_region_ids,
    };
  }
}
