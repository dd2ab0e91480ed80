import { eachRow, ResourceSpec } from '@pendamping/auth';
import { ReportEntity } from './report.entity';

const iso = (date: Date | null) => date?.toISOString() ?? null;

export const REPORTS: ResourceSpec<ReportEntity> = {
  entity: ReportEntity,
  subject: 'Report',
  views: eachRow((row) => ({
    id: row.id,
    kind: row.kind,
    year: row.year,
    scope: { level: row.scopeLevel, id: row.scopeId },
    format: row.format,
    locale: row.locale,
    audience: row.audience,
    status: row.status,
    progress: row.progress,
    stage: row.stage,
    error: row.error,
    requestedBy: row.requestedBy,
    fileName: row.fileName,
    byteSize: row.byteSize,
    checksumSha256: row.checksumSha256,
    expiresAt: iso(row.expiresAt),
    createdAt: row.createdAt.toISOString(),
    startedAt: iso(row.startedAt),
    finishedAt: iso(row.finishedAt),
  })),
};
