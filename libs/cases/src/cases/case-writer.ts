import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import { CaseChangeEntity } from './case-change.entity';
import { CaseNumber } from './case-numbers';
import {
  flattenCaseInput,
  isSealedCaseField,
  isWrittenCodedCaseField,
  SEALED_CASE_FIELDS,
  WRITTEN_CODED_CASE_FIELDS,
} from './case-fields';
import { CaseInput, PerpetratorInput } from './case-input';
import { CasePerpetratorEntity } from './case-perpetrator.entity';
import { CaseEntity } from './case.entity';
import { CaseVault } from './case-vault';
import { CASES_TABLE, PERPETRATORS_TABLE } from './case-view';
import { SurvivorDuplicates } from './survivor-duplicates';

const CHANGES_TABLE = 'case_changes';
const SEALED_PERPETRATOR_FIELDS = ['name', 'phone'] as const;
const CODED_PERPETRATOR_FIELDS = ['relationship', 'sex', 'ageGroup'] as const;

/** Who changes a case and how: the history groups its rows by this. */
export interface CaseChangeContext {
  manager: EntityManager;
  key: Buffer;
  actorId: string;
  action: string;
  /** When the change happened (the Clock's time): the case's creation, each history row. */
  at: Date;
}

/** Whole years from birth to intake, both `YYYY-MM-DD`. */
export function ageOn(birthDate: string, day: string): number {
  const [by, bm, bd] = birthDate.split('-').map(Number);
  const [y, m, d] = day.split('-').map(Number);
  return y - by - (m < bm || (m === bm && d < bd) ? 1 : 0);
}

/**
 * Turns a validated case input into columns (sealing identifying and sensitive values under the
 * case's key), derives what the system derives (age from birth date, the duplicate index), and
 * writes one history row per field set, in the caller's transaction.
 */
@Injectable()
export class CaseWriter {
  constructor(
    private readonly vault: CaseVault,
    private readonly duplicates: SurvivorDuplicates,
  ) {}

  /**
   * `numberCase` runs last: the case number's counter stays locked until the transaction ends, so
   * everything else is written before it is taken. Until then the row holds its id as number
   * and sequence 0.
   */
  async insert(
    context: CaseChangeContext,
    row: Pick<CaseEntity, 'id' | 'organizationId' | 'createdBy'>,
    input: CaseInput,
    numberCase: () => Promise<CaseNumber>,
  ): Promise<void> {
    const { columns, fields } = this.columnsOf(context.key, row.id, input);
    const derived = this.derive(context.key, input, undefined);
    await context.manager.insert(CaseEntity, {
      ...row,
      caseNumber: row.id,
      caseNumberYear: 0,
      caseNumberSequence: 0,
      status: 'open',
      ...columns,
      ...derived.columns,
      createdAt: context.at,
    });
    if (input.perpetrators) await this.replacePerpetrators(context, row, input.perpetrators);
    await this.record(context, row, new Map([['status', 'open'], ...fields, ...derived.fields]), input.perpetrators);
    const number = await numberCase();
    // The version named, or TypeORM would count this part of the creation as a change.
    await context.manager.update(CaseEntity, { id: row.id }, { ...number, version: 1 });
    await this.record(context, row, new Map([['caseNumber', number.caseNumber]]), undefined);
  }

  async update(context: CaseChangeContext, current: CaseEntity, input: CaseInput): Promise<void> {
    const { columns, fields } = this.columnsOf(context.key, current.id, input);
    const derived = this.derive(context.key, input, current);
    const all = { ...columns, ...derived.columns };
    if (Object.keys(all).length > 0) await context.manager.update(CaseEntity, { id: current.id }, all);
    if (input.perpetrators) await this.replacePerpetrators(context, current, input.perpetrators);
    await this.record(context, current, new Map([...fields, ...derived.fields]), input.perpetrators);
  }

  /** Sets coded and sealed columns directly (workflow, assignment), with their history. */
  async set(context: CaseChangeContext, current: CaseEntity, changes: Map<string, unknown>): Promise<void> {
    const { columns } = this.columnsOf(context.key, current.id, Object.fromEntries(changes));
    const system = Object.fromEntries(
      [...changes].filter(([field]) => field === 'status' || field === 'closureReason'),
    );
    await context.manager.update(CaseEntity, { id: current.id }, { ...columns, ...system });
    await this.record(context, current, changes, undefined);
  }

  private columnsOf(key: Buffer, caseId: string, input: CaseInput | Record<string, unknown>) {
    const columns: Record<string, unknown> = {};
    const fields = new Map<string, unknown>();
    for (const [field, value] of flattenCaseInput(input)) {
      if (isSealedCaseField(field))
        columns[SEALED_CASE_FIELDS[field]] = this.vault.seal(
          key,
          { table: CASES_TABLE, rowId: caseId, field },
          value as string | null,
        );
      else if (isWrittenCodedCaseField(field)) columns[WRITTEN_CODED_CASE_FIELDS[field]] = value;
      else continue;
      fields.set(field, value);
    }
    return { columns, fields };
  }

  /**
   * The age at intake follows a birth date given without one; the duplicate index follows name
   * and birth year, reading the stored half when only one of them changes.
   */
  private derive(key: Buffer, input: CaseInput, current: CaseEntity | undefined) {
    const columns: Partial<CaseEntity> = {};
    const fields = new Map<string, unknown>();
    const survivor = input.survivor ?? {};
    const stored = (field: 'survivor.name' | 'survivor.birthDate') =>
      current
        ? this.vault.open(key, { table: CASES_TABLE, rowId: current.id, field }, current[SEALED_CASE_FIELDS[field]])
        : null;
    const birthDate = survivor.birthDate !== undefined ? survivor.birthDate : stored('survivor.birthDate');
    const intakeDate = input.intakeDate ?? current?.intakeDate;
    if (survivor.ageAtIntake === undefined && survivor.birthDate && intakeDate) {
      columns.survivorAgeAtIntake = ageOn(survivor.birthDate, intakeDate);
      columns.survivorAgeEstimated = false;
      fields.set('survivor.ageAtIntake', columns.survivorAgeAtIntake);
    }
    if (survivor.name !== undefined || survivor.birthDate !== undefined) {
      const name = survivor.name !== undefined ? survivor.name : stored('survivor.name');
      columns.survivorDuplicateIndex = this.duplicates.indexOf(name, birthDate ? Number(birthDate.slice(0, 4)) : null);
    }
    return { columns, fields };
  }

  private async replacePerpetrators(
    context: CaseChangeContext,
    owner: { id: string; organizationId: string },
    perpetrators: PerpetratorInput[],
  ) {
    await context.manager.delete(CasePerpetratorEntity, { caseId: owner.id });
    if (perpetrators.length === 0) return;
    const rows = perpetrators.map((perpetrator, position) => {
      const id = randomUUID();
      const seal = (field: (typeof SEALED_PERPETRATOR_FIELDS)[number]) =>
        this.vault.seal(
          context.key,
          { table: PERPETRATORS_TABLE, rowId: id, field: `perpetrators.${field}` },
          perpetrator[field] ?? null,
        );
      return {
        id,
        caseId: owner.id,
        organizationId: owner.organizationId,
        position,
        relationship: perpetrator.relationship,
        sex: perpetrator.sex ?? null,
        ageGroup: perpetrator.ageGroup ?? null,
        name: seal('name'),
        phone: seal('phone'),
      };
    });
    await context.manager.insert(CasePerpetratorEntity, rows);
  }

  /** One row per field; perpetrators' fields hold the new list's values, in order. */
  private async record(
    context: CaseChangeContext,
    owner: { id: string; organizationId: string },
    fields: Map<string, unknown>,
    perpetrators: PerpetratorInput[] | undefined,
  ) {
    const all = new Map(fields);
    if (perpetrators) {
      for (const field of [...CODED_PERPETRATOR_FIELDS, ...SEALED_PERPETRATOR_FIELDS])
        all.set(
          `perpetrators.${field}`,
          perpetrators.map((item) => item[field] ?? null),
        );
    }
    if (all.size === 0) return;
    const rows = [...all].map(([field, value]) => {
      const id = randomUUID();
      const sealed =
        isSealedCaseField(field) ||
        field === 'statusReason' ||
        SEALED_PERPETRATOR_FIELDS.some((name) => field === `perpetrators.${name}`);
      const text = typeof value === 'string' || value === null ? value : JSON.stringify(value);
      return {
        id,
        caseId: owner.id,
        organizationId: owner.organizationId,
        actorId: context.actorId,
        action: context.action,
        field,
        codedValue: sealed ? null : (value ?? null),
        sealedValue: sealed ? this.vault.seal(context.key, { table: CHANGES_TABLE, rowId: id, field }, text) : null,
        changedAt: context.at,
      };
    });
    // A coded value is any JSON; TypeORM's deep-partial type cannot express an `unknown` jsonb column.
    await context.manager.insert(CaseChangeEntity, rows as QueryDeepPartialEntity<CaseChangeEntity>[]);
  }
}
