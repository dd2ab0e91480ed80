import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { NOT_FOUND, RequestAuth, ScopedResources } from '@pendamping/auth';
import { Clock, DomainError } from '@pendamping/core';
import { DataSource } from 'typeorm';
import { caseScopeOf, CaseSpecs, FOLLOW_UPS_TABLE } from './case.specs';
import { CaseVault } from './case-vault';
import { FollowUpEntity } from './follow-up.entity';

export interface NewFollowUp {
  /** A client-chosen id (offline capture); one already used never reaches here (ClientChosenIdInterceptor). */
  id?: string;
  date: string;
  type: string;
  notes?: string;
  nextAction?: string;
  dueDate?: string;
}

/** SPEC §4: the log of contacts on a case. The newest one's due date is the case's next follow-up. */
@Injectable()
export class FollowUpService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly resources: ScopedResources,
    private readonly specs: CaseSpecs,
    private readonly vault: CaseVault,
    private readonly clock: Clock,
  ) {}

  async list(auth: RequestAuth, caseId: string, page: { cursor?: string; limit?: number }) {
    await this.resources.findVisible(this.dataSource.manager, this.specs.cases, auth, caseId);
    return this.resources.list(this.specs.followUps, auth, page, (query) =>
      query.andWhere('row.caseId = :caseId', { caseId }),
    );
  }

  async get(auth: RequestAuth, caseId: string, followUpId: string) {
    if (!(await this.dataSource.getRepository(FollowUpEntity).existsBy({ id: followUpId, caseId }))) throw NOT_FOUND();
    return this.resources.get(this.specs.followUps, auth, followUpId);
  }

  async create(auth: RequestAuth, caseId: string, input: NewFollowUp) {
    if (input.dueDate && input.dueDate < input.date) {
      throw new DomainError('validation-failed', 'The next action cannot be due before the follow-up.', {
        errors: [{ field: 'dueDate', message: 'must not be before date' }],
      });
    }
    const owner = await this.resources.findVisible(this.dataSource.manager, this.specs.cases, auth, caseId);
    const { id: requestedId, ...content } = input;
    const id = requestedId ?? randomUUID();
    const coded = { date: input.date, type: input.type, dueDate: input.dueDate ?? null };
    const record = { id, caseId, ...coded, ...caseScopeOf(owner) };
    return this.resources.create(this.specs.followUps, auth, record, content, async (manager) => {
      const key = await this.vault.keyFor(manager, caseId, owner.organizationId);
      const seal = (field: 'notes' | 'nextAction') =>
        this.vault.seal(key, { table: FOLLOW_UPS_TABLE, rowId: id, field }, input[field] ?? null);
      await manager.insert(FollowUpEntity, {
        id,
        caseId,
        organizationId: owner.organizationId,
        ...coded,
        notes: seal('notes'),
        nextAction: seal('nextAction'),
        createdBy: auth.actor.userId,
        createdAt: this.clock.now(),
      });
      // The case row is locked first, in a statement of its own, so that the UPDATE's snapshot is
      // taken once every follow-up committed before ours is visible: the newest one is then decided
      // over them all, and two creations racing on one case cannot leave the older one's due date.
      await manager.query('SELECT 1 FROM cases WHERE id = $1 FOR NO KEY UPDATE', [caseId]);
      await manager.query(
        `UPDATE cases SET next_follow_up_due = (SELECT due_date FROM follow_ups WHERE case_id = $1 ORDER BY date DESC, created_at DESC, id DESC LIMIT 1) WHERE id = $1`,
        [caseId],
      );
      return id;
    });
  }
}
