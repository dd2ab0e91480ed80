import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { prepared } from '@pendamping/core';
import { DataSource } from 'typeorm';
import { SessionLifetimes, SessionOrigin } from '../sessions/session-rules';
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
  second_factor: SessionOrigin['secondFactor'] | null;
  session_started_at: Date | null;
  password_change_required: boolean;
}

/**
 * Sent on every authenticated request, so prepared once per connection. The tokens of a family
 * share second_factor and session_started_at, so any live one answers.
 */
const ACTOR_QUERY = prepared(
  `SELECT u.id, u.organization_id, u.role, u.password_change_required, s.second_factor, s.session_started_at,
              COALESCE((SELECT array_agg(ur.region_id) FROM user_regions ur WHERE ur.user_id = u.id), '{}') AS coordinated_region_ids,
              COALESCE((SELECT array_agg(g.id) FROM user_groups ug JOIN groups g ON g.id = ug.group_id WHERE ug.user_id = u.id), '{}') AS member_group_ids,
              COALESCE((SELECT array_agg(DISTINCT g.village_id) FROM user_groups ug JOIN groups g ON g.id = ug.group_id WHERE ug.user_id = u.id), '{}') AS member_village_ids,
              COALESCE((SELECT array_agg(DISTINCT g.region_id) FROM user_groups ug JOIN groups g ON g.id = ug.group_id WHERE ug.user_id = u.id), '{}') AS member_region_ids
         FROM users u
         LEFT JOIN LATERAL (
              SELECT t.second_factor, t.session_started_at FROM refresh_tokens t
               WHERE t.family_id = $3 AND t.user_id = u.id AND t.revoked_at IS NULL AND t.expires_at > now()
                 AND t.session_started_at + make_interval(hours => CASE WHEN u.role = ANY($4::text[]) THEN $5::int ELSE $6::int END) > now()
               LIMIT 1) s ON true
        WHERE u.id = $1 AND u.organization_id = $2 AND u.active
          AND ($3::uuid IS NULL OR s.second_factor IS NOT NULL)`,
);

export interface LoadedSession {
  actor: UserActor;
  origin: SessionOrigin;
  /** She signed in with a temporary password and has not set her own yet. */
  passwordChangeRequired: boolean;
}

/**
 * One query per request: the user, if active and their session (refresh-token family) is live
 * and within its absolute lifetime under the user's current role, with their current scope and
 * what the session proved. Which scope counts for which role is the rules table's business.
 */
@Injectable()
export class ActorLoader {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async load(
    userId: string,
    organizationId: string,
    sessionId: string,
    lifetimes: SessionLifetimes,
  ): Promise<LoadedSession | undefined> {
    const row = await this.query(userId, organizationId, { sessionId, lifetimes });
    if (!row?.second_factor || !row.session_started_at) return undefined;
    return {
      actor: this.actorOf(row),
      origin: { secondFactor: row.second_factor, startedAt: row.session_started_at },
      passwordChangeRequired: row.password_change_required,
    };
  }

  /** For work done later on a user's behalf (a report job): their role and scope as they are now, if still active. */
  async loadForJob(userId: string, organizationId: string): Promise<UserActor | undefined> {
    const row = await this.query(userId, organizationId, null);
    return row ? this.actorOf(row) : undefined;
  }

  private async query(
    userId: string,
    organizationId: string,
    session: { sessionId: string; lifetimes: SessionLifetimes } | null,
  ): Promise<ActorRow | undefined> {
    const lifetimes = session?.lifetimes;
    const [row] = (await this.dataSource.query(ACTOR_QUERY, [
      userId,
      organizationId,
      session?.sessionId ?? null,
      lifetimes?.mfaRoles ?? [],
      lifetimes?.mfaRoleHours ?? 0,
      lifetimes?.otherHours ?? 0,
    ])) as ActorRow[];
    return row;
  }

  private actorOf(row: ActorRow): UserActor {
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
