import { JobName } from '@pendamping/core';
import { assertCatalogueCovered, JobCatalogueError } from './job-handler-registry';

const run = async () => undefined;

describe('assertCatalogueCovered', () => {
  it('accepts exactly one handler per job', () => {
    expect(() =>
      assertCatalogueCovered([JobName.WorkerHeartbeat], [{ job: JobName.WorkerHeartbeat, owner: 'A.run', run }]),
    ).not.toThrow();
  });

  it('names a job without a handler', () => {
    expect(() => assertCatalogueCovered([JobName.WorkerHeartbeat], [])).toThrow(
      new JobCatalogueError(`The worker cannot start: job "${JobName.WorkerHeartbeat}" has no handler.`),
    );
  });

  it('names both owners of a job handled twice', () => {
    const handlers = [
      { job: JobName.WorkerHeartbeat, owner: 'A.run', run },
      { job: JobName.WorkerHeartbeat, owner: 'B.run', run },
    ];
    expect(() => assertCatalogueCovered([JobName.WorkerHeartbeat], handlers)).toThrow(/2 handlers: A\.run, B\.run/);
  });

  it('refuses a handler for a job outside the catalogue', () => {
    expect(() => assertCatalogueCovered([], [{ job: JobName.WorkerHeartbeat, owner: 'A.run', run }])).toThrow(
      /not in the job catalogue/,
    );
  });
});
