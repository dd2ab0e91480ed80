import { DomainError } from '../errors/domain-error';

/**
 * The version an update is based on, from `If-Match` ("3" or W/"3") or the body's `version`.
 * No version is a 428: a blind overwrite could undo a colleague's work.
 */
export function expectedVersion(ifMatch: string | undefined, bodyVersion: number | undefined): number {
  const fromHeader = ifMatch
    ?.trim()
    .replace(/^W\//, '')
    .replace(/^"(.*)"$/, '$1');
  if (fromHeader !== undefined && fromHeader !== '') {
    const parsed = Number(fromHeader);
    if (!Number.isInteger(parsed) || parsed < 1)
      throw new DomainError('bad-request', 'If-Match must carry the record version, for example "3".');
    if (bodyVersion !== undefined && bodyVersion !== parsed)
      throw new DomainError('bad-request', 'If-Match and the body disagree on the version.');
    return parsed;
  }
  if (bodyVersion === undefined)
    throw new DomainError(
      'precondition-required',
      'Send the version you edited, in If-Match or as "version" in the body.',
    );
  return bodyVersion;
}

export function staleVersion(currentVersion: number): DomainError {
  return new DomainError(
    'stale-version',
    `Someone changed this record since you loaded it; it is now at version ${currentVersion}. Reload and reapply your change.`,
    {
      currentVersion,
    },
  );
}
