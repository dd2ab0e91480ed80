import { Injectable, OnModuleInit } from '@nestjs/common';
import { DiscoveryService, MetadataScanner, Reflector } from '@nestjs/core';
import { JOB_CATALOGUE, JobName } from '@pendamping/core';
import { JOB_HANDLER, JobHandlerFn } from './job-handler.decorator';

export class JobCatalogueError extends Error {
  override name = 'JobCatalogueError';
  readonly logSafe = true;
}

interface FoundHandler {
  job: JobName;
  owner: string;
  run: JobHandlerFn<JobName>;
}

/** Checks the catalogue against the handlers at start: a job with none, or with two, stops the worker. */
export function assertCatalogueCovered(catalogue: readonly JobName[], handlers: readonly FoundHandler[]): void {
  const problems: string[] = [];
  for (const job of catalogue) {
    const owners = handlers.filter((handler) => handler.job === job).map((handler) => handler.owner);
    if (owners.length === 0) problems.push(`job "${job}" has no handler`);
    if (owners.length > 1) problems.push(`job "${job}" has ${owners.length} handlers: ${owners.join(', ')}`);
  }
  for (const handler of handlers) {
    if (!catalogue.includes(handler.job))
      problems.push(`${handler.owner} handles "${handler.job}", which is not in the job catalogue`);
  }
  if (problems.length > 0) throw new JobCatalogueError(`The worker cannot start: ${problems.join('; ')}.`);
}

@Injectable()
export class JobHandlerRegistry implements OnModuleInit {
  private readonly handlers = new Map<JobName, JobHandlerFn<JobName>>();

  constructor(
    private readonly discovery: DiscoveryService,
    private readonly scanner: MetadataScanner,
    private readonly reflector: Reflector,
  ) {}

  onModuleInit(): void {
    const found = this.discover();
    assertCatalogueCovered(Object.keys(JOB_CATALOGUE) as JobName[], found);
    for (const handler of found) this.handlers.set(handler.job, handler.run);
  }

  handlerFor(job: string): JobHandlerFn<JobName> | undefined {
    return this.handlers.get(job as JobName);
  }

  private discover(): FoundHandler[] {
    return this.discovery.getProviders().flatMap((wrapper) => {
      const instance = wrapper.instance as Record<string, unknown> | undefined;
      const prototype = instance ? Object.getPrototypeOf(instance) : undefined;
      if (!instance || !prototype) return [];
      return this.scanner.getAllMethodNames(prototype).flatMap((method) => {
        const job = this.reflector.get<JobName | undefined>(JOB_HANDLER, prototype[method]);
        if (!job) return [];
        const fn = instance[method] as JobHandlerFn<JobName>;
        return [{ job, owner: `${prototype.constructor.name}.${method}`, run: fn.bind(instance) }];
      });
    });
  }
}
