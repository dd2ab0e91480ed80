import { OrganizationEntity, UserEntity } from '@pendamping/auth/entities';
import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  VersionColumn,
} from 'typeorm';

export const REPORT_STATUSES = ['queued', 'running', 'succeeded', 'failed', 'expired'] as const;
export type ReportStatus = (typeof REPORT_STATUSES)[number];

const list = (values: readonly string[]) => values.map((value) => `'${value}'`).join(', ');

/**
 * A report request and, once rendered, its file (SPEC §7). The row is the outbox: it is saved
 * before the job is queued, and the job carries only its id. An identical request of the same
 * requester while one is queued or running finds it through `request_key`.
 */
@Entity({ name: 'reports' })
@Index('UQ_reports_pending_request', ['requestedBy', 'requestKey'], {
  unique: true,
  where: `"status" IN ('queued', 'running')`,
})
@Index('IDX_reports_org_created', ['organizationId', 'createdAt', 'id'])
@Index('IDX_reports_pending', ['status', 'createdAt'], { where: `"status" IN ('queued', 'running')` })
@Index('IDX_reports_expiry', ['expiresAt'], { where: `"status" = 'succeeded'` })
@Check('CHK_reports_status', `"status" IN (${list(REPORT_STATUSES)})`)
@Check('CHK_reports_format', `"format" IN ('pdf', 'xlsx', 'csv')`)
@Check('CHK_reports_scope', `"scope_level" IN ('organization', 'region', 'village', 'group')`)
@Check('CHK_reports_progress', '"progress" BETWEEN 0 AND 100')
export class ReportEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'organization_id', type: 'uuid' })
  organizationId!: string;

  @ManyToOne(() => OrganizationEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'organization_id' })
  organization?: OrganizationEntity;

  @Column({ name: 'requested_by', type: 'uuid' })
  requestedBy!: string;

  @ManyToOne(() => UserEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'requested_by' })
  requester?: UserEntity;

  @Column({ type: 'text' })
  kind!: string;

  @Column({ type: 'smallint' })
  year!: number;

  @Column({ name: 'scope_level', type: 'text' })
  scopeLevel!: string;

  @Column({ name: 'scope_id', type: 'uuid', nullable: true })
  scopeId!: string | null;

  /** The region of the scope (null for the organisation) and its group (group scope only), for the rules' conditions. */
  @Column({ name: 'region_id', type: 'uuid', nullable: true })
  regionId!: string | null;

  @Column({ name: 'group_id', type: 'uuid', nullable: true })
  groupId!: string | null;

  @Column({ type: 'text' })
  format!: string;

  @Column({ type: 'text' })
  locale!: string;

  @Column({ type: 'text' })
  audience!: string;

  /** A hash of what was asked (not who): identical requests share it. */
  @Column({ name: 'request_key', type: 'text' })
  requestKey!: string;

  @Column({ type: 'text' })
  status!: ReportStatus;

  @Column({ type: 'smallint', default: 0 })
  progress!: number;

  @Column({ type: 'text', nullable: true })
  stage!: string | null;

  /** A message for the requester, never a stack or SQL. */
  @Column({ type: 'text', nullable: true })
  error!: string | null;

  @Column({ type: 'smallint', default: 0 })
  attempts!: number;

  @Column({ name: 'file_name', type: 'text', nullable: true })
  fileName!: string | null;

  @Column({ name: 'content_type', type: 'text', nullable: true })
  contentType!: string | null;

  @Column({ name: 'byte_size', type: 'integer', nullable: true })
  byteSize!: number | null;

  @Column({ name: 'checksum_sha256', type: 'text', nullable: true })
  checksumSha256!: string | null;

  @Column({ name: 'expires_at', type: 'timestamptz', nullable: true })
  expiresAt!: Date | null;

  @Column({ name: 'started_at', type: 'timestamptz', nullable: true })
  startedAt!: Date | null;

  @Column({ name: 'finished_at', type: 'timestamptz', nullable: true })
  finishedAt!: Date | null;

  @VersionColumn({ type: 'integer' })
  version!: number;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
