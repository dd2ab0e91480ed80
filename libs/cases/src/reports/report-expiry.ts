import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

/** Finished files are kept for REPORT_RETENTION_HOURS; then the file goes and the request shows `expired`. */
@Injectable()
export class ReportExpiry {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async expire(): Promise<number> {
    return this.dataSource.transaction(async (manager) => {
      // TypeORM answers an UPDATE … RETURNING with [rows, affected].
      const [expired] = (await manager.query(
        `UPDATE reports SET status = 'expired', version = version + 1 WHERE status = 'succeeded' AND expires_at <= now() RETURNING id`,
      )) as [{ id: string }[], number];
      if (expired.length > 0)
        await manager.query('DELETE FROM report_chunks WHERE report_id = ANY($1::uuid[])', [
          expired.map((row) => row.id),
        ]);
      return expired.length;
    });
  }
}
