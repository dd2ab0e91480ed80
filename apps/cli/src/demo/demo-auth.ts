import { randomUUID } from 'node:crypto';
import { AppAbility, buildAbility, RequestAuth, Role, UserActor } from '@pendamping/auth';
import { DataSource } from 'typeorm';

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
 * The demo users act through the same services as a signed-in user, with the same rules: their
 * actor is loaded as ActorLoader loads it for a request (without a session, which a seed has
 * not), with a full session's second-factor state. Every call gets its own request id, marked
 * as the seed's in the audit log.
 */
export class DemoActors {
  private readonly actors = new Map<string, { actor: UserActor; ability: AppAbility }>();

  private constructor(private readonly seedRun: string) {}

  static async load(dataSource: DataSource, organizationId: string): Promise<DemoActors> {
    const rows = (await dataSource.query(
      `SELECT u.id, u.organization_id, u.role, u.email,
              COALESCE((SELECT array_agg(ur.region_id) FROM user_regions ur WHERE ur.user_id = u.id), '{}') AS coordinated_region_ids,
              COALESCE((SELECT array_agg(g.id) FROM user_groups ug JOIN groups g ON g.id = ug.group_id WHERE ug.user_id = u.id), '{}') AS member_group_ids,
              COALESCE((SELECT array_agg(DISTINCT g.village_id) FROM user_groups ug JOIN groups g ON g.id = ug.group_id WHERE ug.user_id = u.id), '{}') AS member_village_ids,
              COALESCE((SELECT array_agg(DISTINCT g.region_id) FROM user_groups ug JOIN groups g ON g.id = ug.group_id WHERE ug.user_id = u.id), '{}') AS member_region_ids
         FROM users u
        WHERE u.organization_id = $1 AND u.active`,
      [organizationId],
    )) as (ActorRow & { email: string })[];
    const actors = new DemoActors(randomUUID());
    for (const row of rows) {
      const actor: UserActor = {
        kind: 'user',
        userId: row.id,
        organizationId: row.organization_id,
        role: row.role,
        coordinatedRegionIds: row.coordinated_region_ids,
        memberGroupIds: row.member_group_ids,
        memberVillageIds: row.member_village_ids,
        memberRegionIds: row.member_region_ids,
      };
      actors.actors.set(row.email, { actor, ability: buildAbility(actor) });
    }
    return actors;
  }

  userId(email: string): string {
    return this.user(email).actor.userId;
  }

  /** A RequestAuth for one call by the user with this email. */
  auth(email: string): RequestAuth {
    const { actor, ability } = this.user(email);
    return { actor, ability, mfa: 'complete', sessionId: this.seedRun, requestId: `seed-demo:${randomUUID()}` };
  }

  private user(email: string) {
    const user = this.actors.get(email);
    if (!user) throw new Error(`The demo organisation has no active user ${email}.`);
    return user;
  }
}
