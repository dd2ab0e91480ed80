import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { applyRowScope, AuditWriter, RequestAuth, ScopedResources } from '@pendamping/auth';
import { DomainError } from '@pendamping/core';
import { DataSource } from 'typeorm';
import { CaseEntity } from './case.entity';
import { SurvivorDuplicates } from './survivor-duplicates';

/** Checks per user and hour: enough for intake work, too few to walk a list of names. */
export const DUPLICATE_CHECKS_PER_HOUR = 30;

const ANSWERS = {
  true: 'A case with this name and birth year may already exist in your organisation. Ask your coordinator before going on; you may still record this case.',
  false: 'No case with this name and birth year is known in your organisation.',
};

/**
 * SPEC §4: "is this survivor already known?" answered for the whole organisation without showing
 * any case: only whether the blind index matches (restricted cases that exclude the caller never do). The answer itself is sensitive, so every check is
 * audited and checks are counted per user in PostgreSQL (the audit log is the counter, read under a per-user lock).
 */
@Injectable()
export class DuplicateCheckService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly resources: ScopedResources,
    private readonly duplicates: SurvivorDuplicates,
    private readonly audit: AuditWriter,
  ) {}

  async check(
    auth: RequestAuth,
    input: { name: string; birthYear: number },
  ): Promise<{ possibleDuplicate: boolean; message: string }> {
    const index = this.duplicates.indexOf(input.name, input.birthYear);
    if (index === null)
      throw new DomainError('validation-failed', 'The name needs at least one letter or digit.', {
        errors: [{ field: 'name', message: 'has no letters or digits' }],
      });
    return this.dataSource.transaction(async (manager) => {
      // One check per user at a time, until commit: concurrent checks would all count the same past hour.
      await manager.query(`SELECT pg_advisory_xact_lock(hashtextextended('duplicate_check:' || $1, 0))`, [
        auth.actor.userId,
      ]);
      const [{ recent }] = (await manager.query(
        `SELECT count(*)::int AS recent FROM audit_events
          WHERE organization_id = $1 AND actor_id = $2 AND action = 'duplicate_check' AND occurred_at > now() - interval '1 hour'`,
        [auth.actor.organizationId, auth.actor.userId],
      )) as { recent: number }[];
      if (recent >= DUPLICATE_CHECKS_PER_HOUR) {
        throw new DomainError(
          'too-many-requests',
          `At most ${DUPLICATE_CHECKS_PER_HOUR} duplicate checks an hour; try again later.`,
        );
      }
      // The rules' row scope for this action: the whole organisation, less restricted cases that exclude the caller.
      const found = await applyRowScope(
        manager.getRepository(CaseEntity).createQueryBuilder('row'),
        auth.ability,
        'check_duplicate',
        'Case',
      )
        .andWhere('row.survivorDuplicateIndex = :index', { index })
        .getExists();
      await this.audit.record(
        manager,
        this.resources.event(auth, 'duplicate_check', 'Case', null, ['survivor.name', 'survivor.birthDate'], 'success'),
      );
      return { possibleDuplicate: found, message: ANSWERS[`${found}`] };
    });
  }
}
