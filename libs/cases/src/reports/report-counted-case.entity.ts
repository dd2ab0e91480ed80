import { CaseEntity } from '../cases/case.entity';
import { Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { ReportEntity } from './report.entity';

/**
 * A case a report's figures counted, recorded by the worker in the snapshot it computed them in.
 * When a coordinator later restricts the case, these rows say which excluded users hold a report
 * that counted it (SPEC §7): a report is never withdrawn, so its requester must be named instead.
 */
@Entity({ name: 'report_counted_cases' })
@Index('IDX_report_counted_cases_report', ['reportId'])
export class ReportCountedCaseEntity {
  @PrimaryColumn({ name: 'case_id', type: 'uuid' })
  caseId!: string;

  @ManyToOne(() => CaseEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'case_id' })
  case?: CaseEntity;

  @PrimaryColumn({ name: 'report_id', type: 'uuid' })
  reportId!: string;

  @ManyToOne(() => ReportEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'report_id' })
  report?: ReportEntity;
}
