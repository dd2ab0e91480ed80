import { randomUUID } from 'node:crypto';
import { AppAbility, buildAbility, RequestAuth, UserActor } from '@pendamping/auth';
import { ActorLoader } from '@pendamping/auth/permissions/actor-loader';
import { DataSource } from 'typeorm';

/**
 * The demo users act through the same services as a signed-in user, with the same rules: their
 * actor is loaded by ActorLoader as for a job (a seed has no session), with a full session's
 * second-factor state. Every call gets its own request id, marked as the seed's in the audit log.
 */
export class DemoActors {
  private readonly actors = new Map<string, { actor: UserActor; ability: AppAbility }>();

  private constructor(private readonly seedRun: string) {}

  static async load(dataSource: DataSource, organizationId: string): Promise<DemoActors> {
    const users = (await dataSource.query('SELECT id, email FROM users WHERE organization_id = $1 AND active', [
      organizationId,
    ])) as { id: string; email: string }[];
    const loader = new ActorLoader(dataSource);
    const actors = new DemoActors(randomUUID());
    for (const user of users) {
      const actor = await loader.loadForJob(user.id, organizationId);
      if (actor) actors.actors.set(user.email, { actor, ability: buildAbility(actor) });
    }
    return actors;
  }

  userId(email: string): string {
    return this.user(email).actor.userId;
  }

  /** A RequestAuth for one call by the user with this email. */
  auth(email: string): RequestAuth {
    const { actor, ability } = this.user(email);
    return {
      actor,
      ability,
      mfa: 'complete',
      passwordChangeRequired: false,
      sessionId: this.seedRun,
      sessionOrigin: { secondFactor: 'verified', startedAt: new Date() },
      requestId: `seed-demo:${randomUUID()}`,
      clientRequestId: null,
    };
  }

  private user(email: string) {
    const user = this.actors.get(email);
    if (!user) throw new Error(`The demo organisation has no active user ${email}.`);
    return user;
  }
}
