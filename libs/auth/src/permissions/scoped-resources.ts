import { subject as asSubject } from '@casl/ability';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  CREATION_ORDER,
  cursorPage,
  DomainError,
  KeysetOrder,
  Page,
  PREPARED_READ,
  ProblemKind,
  staleVersion,
} from '@pendamping/core';
import { DataSource, EntityManager, EntityTarget, ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { AuditWriter } from '../audit/audit.writer';
import { allowanceFor } from './record-allowance';
import { applyRowScope } from './row-scope';
import {
  assertWritable,
  fieldsSetBy,
  ForbiddenFieldsError,
  permittedFields,
  readableView,
  revealedFields,
} from './field-access';
import { RequestAuth } from './request-auth';
import { Action } from './rules-table';
import { SubjectName, SUBJECTS } from './subjects';

type Row = ObjectLiteral & { id: string };

/**
 * How one resource is read: its entity, its subject in the rules table, and the allowlisted
 * response built from an entity (never the entity itself).
 */
export interface ResourceSpec<E extends Row> {
  entity: EntityTarget<E>;
  subject: SubjectName;
  /**
   * The allowlisted responses for rows (never the entities themselves), several at once so that
   * sealed fields can be opened with one key lookup per page. `readable` is what each row's reader
   * may read: open nothing else. The result is filtered to readable fields again.
   */
  views(
    manager: EntityManager,
    rows: E[],
    readable: ReadonlySet<string>[],
  ): Promise<Record<string, unknown>[]> | Record<string, unknown>[];
  /** What the rules' conditions see; the entity itself unless the subject has derived fields. */
  record?(row: E): Record<string, unknown>;
  /**
   * For records scoped by a parent (a case's referrals): the relation to join, whose columns the
   * rules' conditions name. The row scope is applied to the joined parent.
   */
  scopeVia?: string;
  /**
   * What the read of one record brings along in its own statement for `views` to use (a case's
   * perpetrators and wrapped data key), so that the view sends no statement of its own: every
   * round trip to PostgreSQL costs a socket write and a wake-up on each side (docs/benchmarks.md).
   * Joins only; the row scope stays on the record itself.
   */
  along?(query: SelectQueryBuilder<E>): SelectQueryBuilder<E>;
}

/**
 * Why records are shown: as a list, read on their own, or as the answer to a change made in the
 * same transaction.
 */
export type Presentation = 'list' | 'read' | 'answer-to-change';

/** Rows of one subject shown within a read of several (`presentTogether`), embedded under a name or not. */
export interface ShownPart<E extends Row> {
  spec: ResourceSpec<E>;
  rows: E[];
  embeddedAs?: string;
}

/** The views of a subject without sealed fields: one plain view per row. */
export const eachRow =
  <E>(view: (row: E) => Record<string, unknown>) =>
  (_manager: EntityManager, rows: E[]) =>
    rows.map(view);

/** The alias of the parent a case-scoped record is joined to. */
export const SCOPE_OWNER = 'scope_owner';

export const NOT_FOUND = () => new DomainError('not-found', 'No such resource.');

/**
 * The one path by which services read and write records under the rules: rows scoped in SQL,
 * responses filtered to readable fields, writes refused whole when a field is not writable, and
 * every change, list and denial audited in the same transaction.
 */
@Injectable()
export class ScopedResources {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditWriter,
  ) {}

  /** Only the ability is used: a revoked phone's last reads are scoped by her role's rules without a session. */
  scoped<E extends Row>(
    manager: EntityManager,
    spec: ResourceSpec<E>,
    auth: Pick<RequestAuth, 'ability'>,
    action: Action = 'read',
  ): SelectQueryBuilder<E> {
    const query = manager.getRepository(spec.entity).createQueryBuilder('row');
    if (!spec.scopeVia) return applyRowScope(query, auth.ability, action, spec.subject, 'row');
    return applyRowScope(
      query.innerJoinAndSelect(`row.${spec.scopeVia}`, SCOPE_OWNER),
      auth.ability,
      action,
      spec.subject,
      SCOPE_OWNER,
    );
  }

  async findVisible<E extends Row>(
    manager: EntityManager,
    spec: ResourceSpec<E>,
    auth: RequestAuth,
    id: string,
    action: Action = 'read',
  ): Promise<E> {
    const query = this.scoped(manager, spec, auth, action).andWhere('row.id = :id', { id }).comment(PREPARED_READ);
    const row = await (spec.along?.(query) ?? query).getOne();
    return row ?? this.refuseUnseen(spec, auth, id, action);
  }

  /**
   * Out of scope reads as absent (404). When the record does exist, the refusal is a permission
   * denial and is audited like any other, in a transaction of its own.
   */
  async refuseUnseen<E extends Row>(
    spec: ResourceSpec<E>,
    auth: RequestAuth,
    id: string,
    action: Action,
  ): Promise<never> {
    // Only the caller's organisation: another tenant's ids must leave no trace in this one's audit log.
    const exists = await this.dataSource
      .getRepository(spec.entity)
      .createQueryBuilder('row')
      .where('row.id = :id', { id })
      .andWhere(`row.${SUBJECTS[spec.subject].organizationField} = :organizationId`, {
        organizationId: auth.actor.organizationId,
      })
      .getExists();
    if (exists)
      await this.dataSource.transaction((manager) =>
        this.audit.record(manager, this.event(auth, action, spec.subject, id, [], 'denied')),
      );
    throw NOT_FOUND();
  }

  /**
   * Records a request refers to (a parent, a user's scope) must be ones the caller can read; any
   * other id answers 422 naming the field, never whether it exists elsewhere.
   */
  async referenced<E extends Row>(
    spec: ResourceSpec<E>,
    auth: RequestAuth,
    ids: readonly string[],
    field: string,
  ): Promise<E[]> {
    const unique = [...new Set(ids)];
    if (unique.length === 0) return [];
    const rows = await this.scoped(this.dataSource.manager, spec, auth)
      .andWhere('row.id IN (:...ids)', { ids: unique })
      .getMany();
    if (rows.length !== unique.length) {
      throw new DomainError('business-rule', `${field} names a record you cannot use.`, {
        errors: [{ field, message: 'not found' }],
      });
    }
    return rows;
  }

  /**
   * The responses for rows, each with only the fields its reader may read. Every response is built
   * here, so this is where showing identifying or sensitive values is audited, with their names:
   * a list as one `list` event (always), each record shown on its own as a `read` event. The read
   * of an answer to a change is recorded durably with the change; other reads skip the WAL flush.
   * Each response carries `allowed`, what this reader may do with that record.
   */
  async present<E extends Row>(
    manager: EntityManager,
    spec: ResourceSpec<E>,
    auth: RequestAuth,
    rows: E[],
    shown: Presentation,
  ): Promise<Record<string, unknown>[]> {
    const { answers, views } = await this.build(manager, spec, auth, rows);
    if (shown === 'list') {
      await this.audit.recordRead(
        manager,
        this.event(auth, 'list', spec.subject, null, revealedFields(spec.subject, views), 'success'),
      );
      return answers;
    }
    for (const [index, view] of views.entries()) {
      const revealed = revealedFields(spec.subject, [view]);
      if (revealed.length === 0) continue;
      const event = this.event(auth, 'read', spec.subject, rows[index].id, revealed, 'success');
      await (shown === 'answer-to-change' ? this.audit.record(manager, event) : this.audit.recordRead(manager, event));
    }
    return answers;
  }

  /**
   * Records of several subjects shown together as ONE read of record (a phone's sync, SPEC §12):
   * each part is built as `present` builds it (fields filtered, `allowed` on each), and a single
   * event of `action` names `subjectIds` and every field name shown, those of an embedded part
   * prefixed with the name it is embedded under. The event is written even when nothing is shown
   * in full: the ids are a list too.
   */
  async presentTogether(
    manager: EntityManager,
    auth: RequestAuth,
    action: string,
    subjectIds: readonly string[],
    parts: readonly ShownPart<Row>[],
  ): Promise<Record<string, unknown>[][]> {
    const built = [];
    const fields = new Set<string>();
    for (const part of parts) {
      const { answers, views } = await this.build(manager, part.spec, auth, part.rows);
      for (const field of revealedFields(part.spec.subject, views))
        fields.add(part.embeddedAs ? `${part.embeddedAs}.${field}` : field);
      built.push(answers);
    }
    await this.audit.recordRead(manager, {
      ...this.event(auth, action, parts[0]?.spec.subject ?? 'Case', null, [...fields], 'success'),
      subjectIds,
    });
    return built;
  }

  /** The allowlisted, field-filtered views of rows and the answers made of them (with `allowed`). */
  private async build<E extends Row>(manager: EntityManager, spec: ResourceSpec<E>, auth: RequestAuth, rows: E[]) {
    const records = rows.map((row) => spec.record?.(row) ?? row);
    const readable = records.map((record) => new Set(permittedFields(auth.ability, 'read', spec.subject, record)));
    const views = (await spec.views(manager, rows, readable)).map((view, index) =>
      readableView(auth.ability, spec.subject, records[index], view),
    );
    const answers = views.map((view, index) => ({
      ...view,
      allowed: allowanceFor(auth.ability, spec.subject, records[index]),
    }));
    return { answers, views };
  }

  async presentOne<E extends Row>(
    manager: EntityManager,
    spec: ResourceSpec<E>,
    auth: RequestAuth,
    row: E,
    shown: Exclude<Presentation, 'list'>,
  ): Promise<Record<string, unknown>> {
    const [view] = await this.present(manager, spec, auth, [row], shown);
    return view;
  }

  async get<E extends Row>(spec: ResourceSpec<E>, auth: RequestAuth, id: string): Promise<Record<string, unknown>> {
    return this.dataSource.transaction(async (manager) =>
      this.presentOne(manager, spec, auth, await this.findVisible(manager, spec, auth, id), 'read'),
    );
  }

  async list<E extends Row>(
    spec: ResourceSpec<E>,
    auth: RequestAuth,
    page: { cursor?: string; limit?: number },
    filter: (query: SelectQueryBuilder<E>) => void = () => undefined,
    order: KeysetOrder = CREATION_ORDER,
  ): Promise<Page<Record<string, unknown>>> {
    return this.dataSource.transaction(async (manager) => {
      const query = this.scoped(manager, spec, auth);
      filter(query);
      const result = await cursorPage(query, page, order);
      return { ...result, items: await this.present(manager, spec, auth, result.items, 'list') };
    });
  }

  /**
   * `record` is the row as it would be stored (conditions are checked on it); `body` is what the
   * caller sent (its fields are checked). `persist` inserts and returns the id.
   */
  async create<E extends Row>(
    spec: ResourceSpec<E>,
    auth: RequestAuth,
    record: Record<string, unknown>,
    body: object,
    persist: (manager: EntityManager) => Promise<string>,
  ): Promise<Record<string, unknown>> {
    const fields = fieldsSetBy(body, spec.subject);
    await this.refuseForbidden(auth, spec.subject, null, () =>
      assertWritable(auth.ability, 'create', spec.subject, record, body),
    );
    return this.dataSource.transaction(async (manager) => {
      const id = await persist(manager);
      await this.audit.record(manager, this.event(auth, 'create', spec.subject, id, fields, 'success'));
      return this.presentOne(manager, spec, auth, await this.findVisible(manager, spec, auth, id), 'answer-to-change');
    });
  }

  /** Locks the row in the caller's update scope, refuses forbidden fields, then applies the change only if the version still matches. */
  async update<E extends Row & { version: number }>(
    spec: ResourceSpec<E>,
    auth: RequestAuth,
    id: string,
    version: number,
    body: object,
    apply: (manager: EntityManager, current: E) => Promise<void>,
  ): Promise<Record<string, unknown>> {
    const fields = fieldsSetBy(body, spec.subject);
    return this.dataSource.transaction(async (manager) => {
      // The row lock makes a concurrent update wait, then see the new version and answer 409.
      const current =
        (await this.scoped(manager, spec, auth, 'update')
          .andWhere('row.id = :id', { id })
          .setLock('pessimistic_write')
          .getOne()) ?? (await this.refuseUnseen(spec, auth, id, 'update'));
      await this.refuseForbidden(auth, spec.subject, id, () =>
        assertWritable(auth.ability, 'update', spec.subject, spec.record?.(current) ?? current, body),
      );
      if (current.version !== version) throw staleVersion(current.version);
      await apply(manager, current);
      // Set, not incremented: TypeORM's update() may already have bumped the @VersionColumn.
      await manager
        .createQueryBuilder()
        .update(spec.entity)
        .set({ version: version + 1 } as never)
        .where('id = :id', { id })
        .execute();
      await this.audit.record(manager, this.event(auth, 'update', spec.subject, id, fields, 'success'));
      return this.presentOne(manager, spec, auth, await this.findVisible(manager, spec, auth, id), 'answer-to-change');
    });
  }

  /**
   * An action other than a field update (a workflow step, an assignment) on a record the caller
   * can read: 404 out of read scope, 403 when the rules do not allow this action on this record,
   * 409 on a stale version (when one is sent). `apply` makes the change; the version is bumped and
   * the action audited with the fields it set, in the same transaction.
   */
  async act<E extends Row & { version: number }>(
    spec: ResourceSpec<E>,
    auth: RequestAuth,
    id: string,
    change: { action: Action; version?: number; fields: readonly string[] },
    apply: (manager: EntityManager, current: E) => Promise<void>,
  ): Promise<Record<string, unknown>> {
    return this.dataSource.transaction(async (manager) => {
      const current = await this.lockFor(manager, spec, auth, id, change.action, change.version);
      await apply(manager, current);
      await manager
        .createQueryBuilder()
        .update(spec.entity)
        .set({ version: current.version + 1 } as never)
        .where('id = :id', { id })
        .execute();
      await this.audit.record(manager, this.event(auth, change.action, spec.subject, id, change.fields, 'success'));
      return this.presentOne(manager, spec, auth, await this.findVisible(manager, spec, auth, id), 'answer-to-change');
    });
  }

  /**
   * Deletes a record the caller may delete: 404 out of read scope, 403 when the rules do not allow
   * `delete` on it, 409 on a stale version (when one is sent). `check` may refuse first (a business
   * rule); the deletion is audited in its transaction.
   */
  async remove<E extends Row & { version: number }>(
    spec: ResourceSpec<E>,
    auth: RequestAuth,
    id: string,
    version: number | undefined,
    check: (manager: EntityManager, current: E) => Promise<void>,
  ): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const current = await this.lockFor(manager, spec, auth, id, 'delete', version);
      await check(manager, current);
      await manager.getRepository(spec.entity).delete(id);
      await this.audit.record(manager, this.event(auth, 'delete', spec.subject, id, [], 'success'));
    });
  }

  /** Locks a record the caller can read, then checks the action on it (403, audited) and the version (409). */
  private async lockFor<E extends Row & { version: number }>(
    manager: EntityManager,
    spec: ResourceSpec<E>,
    auth: RequestAuth,
    id: string,
    action: Action,
    version: number | undefined,
  ): Promise<E> {
    const current =
      (await this.scoped(manager, spec, auth).andWhere('row.id = :id', { id }).setLock('pessimistic_write').getOne()) ??
      (await this.refuseUnseen(spec, auth, id, action));
    await this.assertAllowed(auth, action, spec.subject, id, spec.record?.(current) ?? current);
    if (version !== undefined && current.version !== version) throw staleVersion(current.version);
    return current;
  }

  /**
   * Refuses (403, audited) an action the rules do not allow on this record. A withholding row
   * that names a reason answers with it (an administration request about oneself), so the caller
   * learns why; otherwise the refusal is a plain `forbidden`.
   */
  async assertAllowed(
    auth: RequestAuth,
    action: Action,
    subject: SubjectName,
    id: string | null,
    record: object,
  ): Promise<void> {
    const target = asSubject(subject, { ...record } as Record<string, unknown>);
    if (auth.ability.can(action, target)) return;
    await this.dataSource.transaction((audit) =>
      this.audit.record(audit, this.event(auth, action, subject, id, [], 'denied')),
    );
    const reason = auth.ability.relevantRuleFor(action, target)?.reason as ProblemKind | undefined;
    throw new DomainError(
      reason ?? 'forbidden',
      `You may not ${action.replace('_', ' ')} this ${subject.toLowerCase()}.`,
    );
  }

  /** A refused write changes nothing but the audit log, which records the denial and the field names. */
  async refuseForbidden(auth: RequestAuth, subject: SubjectName, id: string | null, check: () => void): Promise<void> {
    try {
      check();
    } catch (error) {
      if (error instanceof ForbiddenFieldsError) {
        await this.dataSource.transaction((manager) =>
          this.audit.record(manager, this.event(auth, 'write', subject, id, error.fields, 'denied')),
        );
      }
      throw error;
    }
  }

  event(
    auth: RequestAuth,
    action: string,
    subject: string,
    subjectId: string | null,
    fields: readonly string[],
    outcome: 'success' | 'denied',
  ) {
    return {
      organizationId: auth.actor.organizationId,
      actor: { id: auth.actor.userId, role: auth.actor.role },
      action,
      subject,
      subjectId,
      fields,
      outcome,
      requestId: auth.requestId,
      clientRequestId: auth.clientRequestId,
    };
  }
}
