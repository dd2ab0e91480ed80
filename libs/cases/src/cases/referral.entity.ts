import { ServiceProviderEntity } from '@pendamping/auth/entities';
import { CaseEntity } from './case.entity';
import { TenantRecord } from '@pendamping/auth/organizations/tenant-record';
import { Check, Column, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { REFERRAL_STATUS_CODES, ReferralStatus, SERVICE_TYPE_CODES } from '../code-lists/case-codes';

/** A referral of a case's survivor to a service; its note and outcome note are sealed under the case's key. */
@Entity({ name: 'referrals' })
@Index('IDX_referrals_case_created', ['caseId', 'createdAt', 'id'])
@Check('CHK_referrals_service_type', `"service_type" IN (${SERVICE_TYPE_CODES.map((code) => `'${code}'`).join(', ')})`)
@Check('CHK_referrals_status', `"status" IN (${REFERRAL_STATUS_CODES.map((code) => `'${code}'`).join(', ')})`)
export class ReferralEntity extends TenantRecord {
  @Column({ name: 'case_id', type: 'uuid' })
  caseId!: string;

  @ManyToOne(() => CaseEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'case_id' })
  case?: CaseEntity;

  @Column({ name: 'service_type', type: 'text' })
  serviceType!: string;

  @Column({ name: 'provider_id', type: 'uuid', nullable: true })
  providerId!: string | null;

  @ManyToOne(() => ServiceProviderEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'provider_id' })
  provider?: ServiceProviderEntity;

  @Column({ name: 'referred_at', type: 'date' })
  referredAt!: string;

  @Column({ type: 'text' })
  status!: ReferralStatus;

  /** Why and how the survivor was referred. */
  @Column({ type: 'bytea', nullable: true })
  note!: Buffer | null;

  @Column({ name: 'outcome_note', type: 'bytea', nullable: true })
  outcomeNote!: Buffer | null;

  @Column({ name: 'created_by', type: 'uuid' })
  createdBy!: string;
}
