import { Injectable } from '@nestjs/common';
import { DataKeyEntity, fieldsOf, ResourceSpec, SubjectName } from '@pendamping/auth';
import { EntityManager, In } from 'typeorm';
import { CasePerpetratorEntity } from './case-perpetrator.entity';
import { CaseEntity } from './case.entity';
import { CaseVault } from './case-vault';
import { CASES_TABLE, caseView } from './case-view';
import { FollowUpEntity } from './follow-up.entity';
import { ReferralEntity } from './referral.entity';

export const REFERRALS_TABLE = 'referrals';
export const FOLLOW_UPS_TABLE = 'follow_ups';

/** What the rules' conditions see of a record of a case's work: its own fields and its case's scope. */
export function caseScopeOf(owner: CaseEntity | undefined) {
  if (!owner) throw new Error('a case-scoped record was loaded without its case');
  return {
    organizationId: owner.organizationId,
    regionId: owner.regionId,
    assignedCompanionId: owner.assignedCompanionId,
    coCompanionId: owner.coCompanionId,
    excludedUserIds: owner.excludedUserIds,
  };
}

/**
 * A case read with what its view needs (`along`): its wrapped data key (null once shredded) and
 * its perpetrators. Rows loaded another way (a page, a phone's sync) carry neither.
 */
type CarriedCase = CaseEntity & {
  carriedDataKey?: DataKeyEntity | null;
  carriedPerpetrators?: CasePerpetratorEntity[];
};

/**
 * How cases and their work are read through ScopedResources. Views open sealed values with the
 * case's key, fetched in one query per page and only when the reader may read a sealed field.
 */
@Injectable()
export class CaseSpecs {
  readonly cases: ResourceSpec<CaseEntity>;
  readonly caseSummaries: ResourceSpec<CaseEntity>;
  readonly referrals: ResourceSpec<ReferralEntity>;
  readonly followUps: ResourceSpec<FollowUpEntity>;

  constructor(private readonly vault: CaseVault) {
    const caseSpec = (withPerpetrators: boolean): ResourceSpec<CaseEntity> => ({
      entity: CaseEntity,
      subject: 'Case',
      ...(withPerpetrators
        ? {
            along: (query) =>
              query
                .leftJoinAndMapOne(
                  'row.carriedDataKey',
                  DataKeyEntity,
                  'carried_key',
                  'carried_key.ownerTable = :carriedKeyTable AND carried_key.ownerId = row.id',
                  { carriedKeyTable: CASES_TABLE },
                )
                .leftJoinAndMapMany(
                  'row.carriedPerpetrators',
                  CasePerpetratorEntity,
                  'carried_perpetrator',
                  'carried_perpetrator.caseId = row.id',
                )
                .addOrderBy('carried_perpetrator.position', 'ASC'),
          }
        : {}),
      views: async (manager, rows: CarriedCase[], readable) => {
        const carried = rows.every((row) => row.carriedDataKey !== undefined && row.carriedPerpetrators !== undefined);
        const keys = carried
          ? this.vault.keysOf(
              rows.flatMap((row, index) =>
                row.carriedDataKey && this.readsSealed('Case', readable[index]) ? [row.carriedDataKey] : [],
              ),
            )
          : await this.keysWhereReadable(
              manager,
              'Case',
              rows.map((row) => row.id),
              readable,
            );
        const perpetrators = !withPerpetrators
          ? undefined
          : carried
            ? new Map(rows.map((row) => [row.id, row.carriedPerpetrators ?? []]))
            : await this.perpetratorsOf(
                manager,
                rows.map((row) => row.id),
              );
        return rows.map((row, index) =>
          caseView(
            this.vault,
            row,
            keys.get(row.id),
            readable[index],
            perpetrators?.get(row.id) ?? (perpetrators && []),
          ),
        );
      },
    });
    this.cases = caseSpec(true);
    this.caseSummaries = caseSpec(false);
    this.referrals = {
      entity: ReferralEntity,
      subject: 'Referral',
      scopeVia: 'case',
      record: (row) => ({ ...row, ...caseScopeOf(row.case) }),
      views: async (manager, rows, readable) => {
        const keys = await this.keysWhereReadable(
          manager,
          'Referral',
          rows.map((row) => row.caseId),
          readable,
        );
        return rows.map((row) => ({
          id: row.id,
          caseId: row.caseId,
          serviceType: row.serviceType,
          providerId: row.providerId,
          referredAt: row.referredAt,
          status: row.status,
          note: this.vault.open(
            keys.get(row.caseId),
            { table: REFERRALS_TABLE, rowId: row.id, field: 'note' },
            row.note,
          ),
          outcomeNote: this.vault.open(
            keys.get(row.caseId),
            { table: REFERRALS_TABLE, rowId: row.id, field: 'outcomeNote' },
            row.outcomeNote,
          ),
          version: row.version,
          createdBy: row.createdBy,
          createdAt: row.createdAt,
          updatedAt: row.updatedAt,
        }));
      },
    };
    this.followUps = {
      entity: FollowUpEntity,
      subject: 'FollowUp',
      scopeVia: 'case',
      record: (row) => ({ ...row, ...caseScopeOf(row.case) }),
      views: async (manager, rows, readable) => {
        const keys = await this.keysWhereReadable(
          manager,
          'FollowUp',
          rows.map((row) => row.caseId),
          readable,
        );
        const open = (row: FollowUpEntity, field: 'notes' | 'nextAction') =>
          this.vault.open(keys.get(row.caseId), { table: FOLLOW_UPS_TABLE, rowId: row.id, field }, row[field]);
        return rows.map((row) => ({
          id: row.id,
          caseId: row.caseId,
          date: row.date,
          type: row.type,
          notes: open(row, 'notes'),
          nextAction: open(row, 'nextAction'),
          dueDate: row.dueDate,
          createdBy: row.createdBy,
          createdAt: row.createdAt,
        }));
      },
    };
  }

  /** Keys only for the cases whose reader may read a sealed field: a reviewer's page unwraps none. */
  private async keysWhereReadable(
    manager: EntityManager,
    subject: SubjectName,
    caseIds: string[],
    readable: ReadonlySet<string>[],
  ) {
    return this.vault.keysFor(
      manager,
      caseIds.filter((_, index) => this.readsSealed(subject, readable[index])),
    );
  }

  private readsSealed(subject: SubjectName, readable: ReadonlySet<string>): boolean {
    return fieldsOf(subject, ['identifying', 'sensitive']).some((field) => readable.has(field));
  }

  private async perpetratorsOf(
    manager: EntityManager,
    caseIds: string[],
  ): Promise<Map<string, CasePerpetratorEntity[]>> {
    const byCase = new Map<string, CasePerpetratorEntity[]>();
    if (caseIds.length === 0) return byCase;
    const rows = await manager.find(CasePerpetratorEntity, {
      where: { caseId: In(caseIds) },
      order: { caseId: 'ASC', position: 'ASC' },
    });
    for (const row of rows) byCase.set(row.caseId, [...(byCase.get(row.caseId) ?? []), row]);
    return byCase;
  }
}
