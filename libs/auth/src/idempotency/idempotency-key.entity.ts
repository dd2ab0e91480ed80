import { Column, CreateDateColumn, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * A POST retried with the same Idempotency-Key (village connections drop mid-request). Keeps the
 * request's hash, the first status and where the resource lives, never the body.
 */
@Entity({ name: 'idempotency_keys' })
@Index('IDX_idempotency_keys_expiry', ['expiresAt'])
export class IdempotencyKeyEntity {
  @PrimaryColumn({ name: 'user_id', type: 'uuid' })
  userId!: string;

  @PrimaryColumn({ type: 'text' })
  key!: string;

  @Column({ name: 'request_hash', type: 'text' })
  requestHash!: string;

  /** Null while the first request is still running. */
  @Column({ type: 'smallint', nullable: true })
  status!: number | null;

  @Column({ name: 'resource_path', type: 'text', nullable: true })
  resourcePath!: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column({ name: 'expires_at', type: 'timestamptz' })
  expiresAt!: Date;
}
