import { SetMetadata } from '@nestjs/common';
import type { JobName, JobPayload } from '@pendamping/core';

export const JOB_HANDLER = Symbol('JOB_HANDLER');

export type JobHandlerFn<N extends JobName> = (payload: JobPayload<N>, context: JobContext) => Promise<void>;

export interface JobContext {
  jobId: string;
  attempt: number;
  reportProgress(progress: object | number): Promise<void>;
}

/** Marks a provider method as the handler of one catalogue job. Processors parse and delegate only. */
export const OnJob = (name: JobName): MethodDecorator => SetMetadata(JOB_HANDLER, name);
