import { createHash, randomBytes } from 'node:crypto';
import { DataSource } from 'typeorm';

/**
 * Finished evaluation reports without a worker (SPEC §7), for suites that need a report with a
 * file as a fixture: the request is made through the API as usual, then its row and chunks are
 * written as the worker's last transaction writes them (ReportRunner.write), and expired as
 * ReportExpiry does.
 */

export type ReportFormat = 'pdf' | 'xlsx' | 'csv';

/** A file as the worker would have stored it: in chunks, each with a text no other file has, between random bytes. */
export interface ReportFile {
  fileName: string;
  contentType: string;
  chunks: Buffer[];
  bytes: Buffer;
  checksumSha256: string;
  /** The texts in the file and its name: none may show to a user outside the report's scope. */
  texts: string[];
}

const CONTENT: Record<ReportFormat, { type: string; extension: string; magic: string }> = {
  pdf: { type: 'application/pdf', extension: 'pdf', magic: '%PDF-1.7\n' },
  xlsx: {
    type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    extension: 'xlsx',
    magic: 'PK\u0003\u0004',
  },
  csv: { type: 'application/zip', extension: 'zip', magic: 'PK\u0003\u0004' },
};

/** A file for `text` (ASCII letters, digits and spaces) in `chunkCount` chunks. */
export function reportFile(format: ReportFormat, text: string, chunkCount = 1): ReportFile {
  const { type, extension, magic } = CONTENT[format];
  const slug = text.toLowerCase().replace(/[^a-z0-9]+/g, '-');
  const texts = Array.from({ length: chunkCount }, (_, index) => `Isolation canary ${text} chunk ${index}`);
  const chunks = texts.map((line, index) =>
    Buffer.concat([
      Buffer.from(index === 0 ? magic : ''),
      randomBytes(700),
      Buffer.from(`\n${line}\n`),
      randomBytes(300),
    ]),
  );
  const bytes = Buffer.concat(chunks);
  const fileName = `laporan-isolasi-${slug}.${extension}`;
  return {
    fileName,
    contentType: type,
    chunks,
    bytes,
    checksumSha256: createHash('sha256').update(bytes).digest('hex'),
    texts: [...texts, fileName],
  };
}

/** A queued report made succeeded with `file`: its chunks, then the status and the file's facts, in one transaction. */
export async function finishReport(
  dataSource: DataSource,
  reportId: string,
  file: ReportFile,
  retentionHours = 24 * 7,
): Promise<void> {
  await dataSource.transaction(async (manager) => {
    for (const [seq, data] of file.chunks.entries())
      await manager.query('INSERT INTO report_chunks (report_id, seq, data) VALUES ($1, $2, $3)', [
        reportId,
        seq,
        data,
      ]);
    // TypeORM answers an UPDATE with [rows, affected].
    const [, finished] = (await manager.query(
      `UPDATE reports SET status = 'succeeded', progress = 100, stage = 'done', attempts = attempts + 1, started_at = now(), file_name = $2, content_type = $3,
              byte_size = $4, checksum_sha256 = $5, finished_at = now(), expires_at = now() + make_interval(hours => $6), version = version + 1
        WHERE id = $1 AND status = 'queued'`,
      [reportId, file.fileName, file.contentType, file.bytes.length, file.checksumSha256, retentionHours],
    )) as [unknown[], number];
    if (finished !== 1) throw new Error(`report ${reportId} is not queued: cannot finish it`);
  });
}

/** A succeeded report past its retention: `expired`, its chunks deleted (the name and checksum stay). */
export async function expireReport(dataSource: DataSource, reportId: string): Promise<void> {
  await dataSource.transaction(async (manager) => {
    const [, expired] = (await manager.query(
      `UPDATE reports SET status = 'expired', expires_at = now() - interval '1 hour', version = version + 1 WHERE id = $1 AND status = 'succeeded'`,
      [reportId],
    )) as [unknown[], number];
    if (expired !== 1) throw new Error(`report ${reportId} is not succeeded: cannot expire it`);
    await manager.query('DELETE FROM report_chunks WHERE report_id = $1', [reportId]);
  });
}
