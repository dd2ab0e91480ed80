import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AuditWriter, RequestAuth, ScopedResources } from '@pendamping/auth';
import { Clock, DomainError, KeyedSerializer } from '@pendamping/core';
import { DataSource, EntityManager } from 'typeorm';
import { CaseInput, CreateCaseInput } from './case-input';
import { assertCaseDatesPast } from './case-dates';
import { nextCaseNumber } from './case-numbers';
import { CasePlacement } from './case-placement';
import { CaseSpecs } from './case.specs';
import { CaseVault } from './case-vault';
import { CASE_TRANSITIONS, TransitionTarget } from './case-workflow';
import { CaseChangeContext, CaseWriter } from './case-writer';
import { excludedHoldersOf, lockRestrictions, ReportHolder } from '../reports/report-holders';

export interface TransitionInput {
  to: TransitionTarget;
  reason: string;
  closureReason?: string;
  version?: number;
}

export interface AssignmentInput {
  assignedCompanionId: string;
  coCompanionId?: string | null;
  version?: number;
}

/** Cases: created, read, edited, moved through their workflow and assigned, all under the rules table. */
@Injectable()
export class CaseService {
  /** Creations that take a number from the same counter queue here rather than on its row lock. */
  private readonly numbering = new KeyedSerializer();

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly resources: ScopedResources,
    private readonly specs: CaseSpecs,
    private readonly placement: CasePlacement,
    private readonly vault: CaseVault,
    private readonly writer: CaseWriter,
    private readonly clock: Clock,
    private readonly audit: AuditWriter,
  ) {}

  get = (auth: RequestAuth, id: string) => this.resources.get(this.specs.cases, auth, id);

  /** A client-chosen id that already exists never reaches here (ClientChosenIdInterceptor, SPEC §12). */
  async create(auth: RequestAuth, input: CreateCaseInput): Promise<Record<string, unknown>> {
    const { id: requestedId, ...content } = input;
    const place = await this.placement.resolve(auth, content);
    const organizationId = auth.actor.organizationId;
    // The companion who takes a case in is its companion, when they may be (SPEC §3).
    const takenInBy = (await this.placement.assignable([auth.actor.userId], organizationId, place)).has(
      auth.actor.userId,
    )
      ? auth.actor.userId
      : null;
    const assignedCompanionId = content.assignedCompanionId !== undefined ? content.assignedCompanionId : takenInBy;
    const coCompanionId = content.coCompanionId ?? null;
    const excludedUserIds = content.excludedUserIds ?? [];
    const id = requestedId ?? randomUUID();
    // The rules see the case as the caller takes it in; naming other companions is then a field they may or may not write.
    const asTakenIn = {
      assignedCompanionId: takenInBy ?? assignedCompanionId,
      coCompanionId: takenInBy ? null : coCompanionId,
    };
    const record = {
      id,
      organizationId,
      regionId: place.regionId,
      villageId: place.villageId,
      groupId: place.groupId,
      ...asTakenIn,
      excludedUserIds,
      restricted: content.restricted ?? false,
    };
    const year = Number(content.intakeDate.slice(0, 4));
    return this.numbering.run(`${organizationId}/${place.regionId}/${year}`, () =>
      this.resources.create(this.specs.cases, auth, record, content, async (manager) => {
        // Only once the caller may write these fields: their checks would otherwise tell anyone which user ids exist.
        this.assertRestriction(content.restricted ?? false, excludedUserIds);
        await assertCaseDatesPast(manager, place.regionId, content);
        await this.placement.assertExcludable(manager, auth, excludedUserIds, [assignedCompanionId, coCompanionId]);
        await this.placement.assertAssignable(
          manager,
          organizationId,
          place,
          { assignedCompanionId: content.assignedCompanionId, coCompanionId: content.coCompanionId },
          excludedUserIds,
        );
        const context = await this.context(manager, auth, id, 'create');
        await this.writer.insert(
          context,
          { id, organizationId, createdBy: auth.actor.userId },
          { ...content, ...place, assignedCompanionId, coCompanionId },
          () => nextCaseNumber(manager, { organizationId, ...place }, year),
        );
        return id;
      }),
    );
  }

  async update(auth: RequestAuth, id: string, version: number, input: CaseInput): Promise<Record<string, unknown>> {
    const moves = input.regionId !== undefined || input.villageId !== undefined || input.groupId !== undefined;
    // Resolved before the transaction, which must not wait for a second connection; the version
    // check inside guarantees the case has not moved since.
    const before = moves
      ? await this.resources.findVisible(this.dataSource.manager, this.specs.cases, auth, id, 'update')
      : undefined;
    const place = before ? await this.placement.resolve(auth, input, { ...before, regionCode: '' }) : undefined;
    const restricting = input.restricted !== undefined || input.excludedUserIds !== undefined;
    let notice: { excludedUsersHoldingReports: ReportHolder[] } | undefined;
    const view = await this.resources.update(this.specs.cases, auth, id, version, input, async (manager, current) => {
      const restricted = input.restricted ?? current.restricted;
      const excludedUserIds = input.excludedUserIds ?? (restricted ? current.excludedUserIds : []);
      this.assertRestriction(restricted, excludedUserIds);
      await assertCaseDatesPast(manager, place?.regionId ?? current.regionId, input);
      const assignees = {
        assignedCompanionId:
          input.assignedCompanionId !== undefined ? input.assignedCompanionId : current.assignedCompanionId,
        coCompanionId: input.coCompanionId !== undefined ? input.coCompanionId : current.coCompanionId,
      };
      if (input.excludedUserIds)
        await this.placement.assertExcludable(manager, auth, excludedUserIds, [
          assignees.assignedCompanionId,
          assignees.coCompanionId,
        ]);
      if (input.assignedCompanionId !== undefined || input.coCompanionId !== undefined || place) {
        await this.placement.assertAssignable(
          manager,
          current.organizationId,
          place ?? current,
          assignees,
          excludedUserIds,
        );
      }
      const placed = place ? { regionId: place.regionId, villageId: place.villageId, groupId: place.groupId } : {};
      const unrestricted =
        input.restricted === false && current.excludedUserIds.length > 0 ? { excludedUserIds: [] } : {};
      await this.writer.update(await this.context(manager, auth, id, 'update'), current, {
        ...input,
        ...placed,
        ...unrestricted,
      });
      if (restricting && restricted)
        notice = {
          excludedUsersHoldingReports: await this.reportHolders(
            manager,
            auth,
            id,
            current.organizationId,
            excludedUserIds,
          ),
        };
    });
    return notice ? { ...view, restrictionNotice: notice } : view;
  }

  /**
   * A report is never withdrawn (SPEC §7): who among the excluded already holds one that counted
   * the case is told to the coordinator instead, and the telling is audited.
   */
  private async reportHolders(
    manager: EntityManager,
    auth: RequestAuth,
    caseId: string,
    organizationId: string,
    excludedUserIds: readonly string[],
  ): Promise<ReportHolder[]> {
    await lockRestrictions(manager, organizationId, 'exclusive');
    const holders = await excludedHoldersOf(manager, caseId, excludedUserIds);
    if (holders.length > 0)
      await this.audit.record(
        manager,
        this.resources.event(auth, 'notify_report_holders', 'Case', caseId, ['restrictionNotice'], 'success'),
      );
    return holders;
  }

  /** SPEC §4 workflow; who may take which step is the rules table's `activate`, `request_closure`, `close` and `reopen`. */
  transition(auth: RequestAuth, id: string, input: TransitionInput): Promise<Record<string, unknown>> {
    const transition = CASE_TRANSITIONS[input.to];
    const fields = ['status', 'statusReason', 'closureReason'];
    return this.resources.act(
      this.specs.cases,
      auth,
      id,
      { action: transition.action, version: input.version, fields },
      async (manager, current) => {
        if (!transition.from.includes(current.status)) {
          throw new DomainError('conflict', `The case is ${current.status}; it cannot move to ${input.to}.`, {
            currentStatus: current.status,
          });
        }
        const closureReason =
          transition.to === 'closed' || transition.to === 'closure_requested'
            ? (input.closureReason ?? current.closureReason)
            : null;
        const changes = new Map<string, unknown>([
          ['status', transition.to],
          ['statusReason', input.reason],
          ['closureReason', closureReason],
        ]);
        await this.writer.set(await this.context(manager, auth, id, input.to), current, changes);
      },
    );
  }

  /** The new companions see the case from their next request; the old ones no longer do. */
  assign(auth: RequestAuth, id: string, input: AssignmentInput): Promise<Record<string, unknown>> {
    const fields = ['assignedCompanionId', 'coCompanionId'];
    return this.resources.act(
      this.specs.cases,
      auth,
      id,
      { action: 'assign', version: input.version, fields },
      async (manager, current) => {
        const assignees = {
          assignedCompanionId: input.assignedCompanionId,
          coCompanionId: input.coCompanionId ?? null,
        };
        await this.placement.assertAssignable(
          manager,
          current.organizationId,
          current,
          assignees,
          current.excludedUserIds,
        );
        await this.writer.update(await this.context(manager, auth, id, 'assign'), current, assignees);
      },
    );
  }

  private async context(
    manager: EntityManager,
    auth: RequestAuth,
    caseId: string,
    action: string,
  ): Promise<CaseChangeContext> {
    return {
      manager,
      key: await this.vault.keyFor(manager, caseId, auth.actor.organizationId),
      actorId: auth.actor.userId,
      action,
      at: this.clock.now(),
    };
  }

  private assertRestriction(restricted: boolean, excludedUserIds: readonly string[]) {
    if (!restricted && excludedUserIds.length > 0) {
      throw new DomainError('business-rule', 'Only a restricted case excludes users: set restricted to true.', {
        errors: [{ field: 'excludedUserIds', message: 'needs restricted: true' }],
      });
    }
  }
}
