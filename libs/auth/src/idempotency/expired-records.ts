import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

/** Deletes what has served its purpose: expired idempotency keys, old sign-in failures, long-dead refresh tokens. */
@Injectable()
export class ExpiredRecords {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async purge(): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      await manager.query(`DELETE FROM idempotency_keys WHERE expires_at <= now()`);
      await manager.query(`DELETE FROM login_failures WHERE occurred_at < now() - interval '1 day'`);
      await manager.query(`DELETE FROM refresh_tokens WHERE expires_at < now() - interval '30 days'`);
    });
  }
}
