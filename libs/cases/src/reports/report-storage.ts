import { createHash } from 'node:crypto';
import { Readable, Writable } from 'node:stream';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';

/** Big enough that a report is a handful of rows, small enough that neither side holds much in memory. */
export const CHUNK_BYTES = 256 * 1024;

export interface StoredFile {
  byteSize: number;
  checksumSha256: string;
}

/**
 * Report files in PostgreSQL, in chunks. A file is written inside the caller's transaction, so it
 * becomes visible together with the report's `succeeded` status or not at all; a worker killed
 * mid-write leaves nothing behind. Reading streams one chunk at a time.
 */
@Injectable()
export class ReportStorage {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** A sink for a renderer: chunks are inserted as they fill, with backpressure, never buffered whole. */
  sink(manager: EntityManager, reportId: string): { stream: Writable; stored: () => StoredFile } {
    const hash = createHash('sha256');
    let pending: Buffer[] = [];
    let pendingBytes = 0;
    let seq = 0;
    let byteSize = 0;
    const flush = async () => {
      if (pendingBytes === 0) return;
      const data = Buffer.concat(pending, pendingBytes);
      pending = [];
      pendingBytes = 0;
      await manager.query('INSERT INTO report_chunks (report_id, seq, data) VALUES ($1, $2, $3)', [
        reportId,
        seq++,
        data,
      ]);
    };
    const stream = new Writable({
      write(chunk: Buffer, _encoding, done) {
        hash.update(chunk);
        byteSize += chunk.length;
        pending.push(chunk);
        pendingBytes += chunk.length;
        if (pendingBytes < CHUNK_BYTES) return done();
        flush().then(() => done(), done);
      },
      final(done) {
        flush().then(() => done(), done);
      },
    });
    return { stream, stored: () => ({ byteSize, checksumSha256: hash.digest('hex') }) };
  }

  /** The file, chunk by chunk, each read when the consumer wants it. */
  read(reportId: string): Readable {
    const dataSource = this.dataSource;
    return Readable.from(
      (async function* () {
        for (let seq = 0; ; seq++) {
          const [row] = (await dataSource.query('SELECT data FROM report_chunks WHERE report_id = $1 AND seq = $2', [
            reportId,
            seq,
          ])) as { data: Buffer }[];
          if (!row) return;
          yield row.data;
        }
      })(),
    );
  }
}
