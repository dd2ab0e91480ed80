import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { NOT_FOUND, RequestAuth, ScopedResources } from '@pendamping/auth';
import { SERVICE_PROVIDERS } from '@pendamping/auth/organizations/directory.specs';
import { Clock, DomainError } from '@pendamping/core';
import { DataSource } from 'typeorm';
import { ReferralStatus } from '../code-lists';
import { CaseEntity } from './case.entity';
import { caseScopeOf, CaseSpecs, REFERRALS_TABLE } from './case.specs';
import { CaseVault } from './case-vault';
import { ReferralEntity } from './referral.entity';
import { REFERRAL_NEXT_STATUSES } from './referral-workflow';

export interface NewReferral {
  serviceType: string;
  providerId?: string;
  referredAt: string;
  note?: string;
}

export interface ReferralChanges {
  status?: ReferralStatus;
  providerId?: string | null;
  outcomeNote?: string | null;
}

/** SPEC §4: referrals of a survivor to services, only with consent to refer. */
@Injectable()
export class ReferralService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly resources: ScopedResources,
    private readonly specs: CaseSpecs,
    private readonly vault: CaseVault,
    private readonly clock: Clock,
  ) {}

  async list(auth: RequestAuth, caseId: string, page: { cursor?: string; limit?: number }) {
    await this.resources.findVisible(this.dataSource.manager, this.specs.cases, auth, caseId);
    return this.resources.list(this.specs.referrals, auth, page, (query) =>
      query.andWhere('row.caseId = :caseId', { caseId }),
    );
  }

  async get(auth: RequestAuth, caseId: string, referralId: string) {
    await this.belongs(caseId, referralId);
    return this.resources.get(this.specs.referrals, auth, referralId);
  }

  async create(auth: RequestAuth, caseId: string, input: NewReferral) {
    const owner = await this.resources.findVisible(this.dataSource.manager, this.specs.cases, auth, caseId);
    if (input.providerId) await this.resources.referenced(SERVICE_PROVIDERS, auth, [input.providerId], 'providerId');
    const id = randomUUID();
    const fields = {
      serviceType: input.serviceType,
      providerId: input.providerId ?? null,
      referredAt: input.referredAt,
    };
    const record = { id, caseId, status: 'pending', ...fields, ...caseScopeOf(owner) };
    return this.resources.create(this.specs.referrals, auth, record, input, async (manager) => {
      // Read under a share lock: consent withdrawn a moment ago must stop this referral.
      const consent = await manager
        .createQueryBuilder(CaseEntity, 'c')
        .select('c.consentRefer')
        .where('c.id = :caseId', { caseId })
        .setLock('pessimistic_read')
        .getOne();
      if (!consent?.consentRefer) {
        throw new DomainError(
          'business-rule',
          'The survivor (or guardian) has not consented to referral (consent.refer); record that consent on the case first.',
          {
            rule: 'consent.refer',
          },
        );
      }
      const key = await this.vault.keyFor(manager, caseId, owner.organizationId);
      const note = this.vault.seal(key, { table: REFERRALS_TABLE, rowId: id, field: 'note' }, input.note ?? null);
      await manager.insert(ReferralEntity, {
        id,
        caseId,
        organizationId: owner.organizationId,
        status: 'pending',
        ...fields,
        note,
        outcomeNote: null,
        createdBy: auth.actor.userId,
        createdAt: this.clock.now(),
      });
      return id;
    });
  }

  async update(auth: RequestAuth, caseId: string, referralId: string, version: number, input: ReferralChanges) {
    await this.belongs(caseId, referralId);
    if (input.providerId) await this.resources.referenced(SERVICE_PROVIDERS, auth, [input.providerId], 'providerId');
    return this.resources.update(this.specs.referrals, auth, referralId, version, input, async (manager, current) => {
      if (
        input.status &&
        input.status !== current.status &&
        !REFERRAL_NEXT_STATUSES[current.status].includes(input.status)
      ) {
        throw new DomainError('conflict', `The referral is ${current.status}; it cannot become ${input.status}.`, {
          currentStatus: current.status,
        });
      }
      const key = await this.vault.keyFor(manager, caseId, current.organizationId);
      const { outcomeNote, ...coded } = input;
      const sealed =
        outcomeNote !== undefined
          ? {
              outcomeNote: this.vault.seal(
                key,
                { table: REFERRALS_TABLE, rowId: referralId, field: 'outcomeNote' },
                outcomeNote,
              ),
            }
          : {};
      if (Object.keys(coded).length + Object.keys(sealed).length > 0)
        await manager.update(ReferralEntity, { id: referralId }, { ...coded, ...sealed });
    });
  }

  /** A referral of another case is not found, whatever else the request says. */
  private async belongs(caseId: string, referralId: string): Promise<void> {
    if (!(await this.dataSource.getRepository(ReferralEntity).existsBy({ id: referralId, caseId }))) throw NOT_FOUND();
  }
}
