import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export class Liveness {
  @ApiProperty({ type: String, enum: ['ok'] }) status!: 'ok';
}

class PostgresCheck {
  @ApiProperty({ type: String, enum: ['up', 'down'] }) status!: string;
  @ApiPropertyOptional({ type: String }) reason?: string;
  @ApiPropertyOptional({ type: [String], description: 'The migrations not yet run.' }) pendingMigrations?: string[];
}

class RedisCheck {
  @ApiProperty({ type: String, enum: ['up', 'down'] }) status!: string;
  @ApiPropertyOptional({ type: String }) reason?: string;
}

class WorkerCheck {
  @ApiProperty({ type: String, enum: ['seen', 'stale', 'never-seen', 'unknown'] }) status!: string;
  @ApiPropertyOptional({ type: String, format: 'date-time' }) lastSeenAt?: string;
}

class ReadinessChecks {
  @ApiProperty({ type: PostgresCheck }) postgres!: PostgresCheck;
  @ApiProperty({ type: RedisCheck }) redis!: RedisCheck;
  @ApiProperty({ type: WorkerCheck }) worker!: WorkerCheck;
}

export class Readiness {
  @ApiProperty({ type: String, enum: ['ready', 'degraded', 'unavailable'] }) status!: string;
  @ApiProperty({ type: ReadinessChecks }) checks!: ReadinessChecks;
}
