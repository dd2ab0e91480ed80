import { Injectable } from '@nestjs/common';
import { RequestAuth, ScopedResources } from '@pendamping/auth';
import { GROUPS, REGIONS, VILLAGES } from '@pendamping/auth/organizations/directory.specs';
import { DomainError } from '@pendamping/core';
import type { ScopeLevel } from './report-model';

export interface ReportPlace {
  regionId: string | null;
  groupId: string | null;
}

/**
 * Where a report looks: the organisation, or a region, village or group the caller can read
 * (else 422 naming scope.id). Its region and group are what the rules' conditions see.
 */
@Injectable()
export class ReportScope {
  constructor(private readonly resources: ScopedResources) {}

  async place(auth: RequestAuth, scope: { level: ScopeLevel; id?: string | null }): Promise<ReportPlace> {
    const id = scope.id ?? null;
    if (scope.level === 'organization') {
      if (id !== null)
        throw new DomainError('validation-failed', 'An organisation-wide report takes no scope.id.', {
          errors: [{ field: 'scope.id', message: 'must be absent for level organization' }],
        });
      return { regionId: null, groupId: null };
    }
    if (id === null)
      throw new DomainError('validation-failed', `A ${scope.level} report needs scope.id.`, {
        errors: [{ field: 'scope.id', message: 'is required' }],
      });
    switch (scope.level) {
      case 'region':
        return { regionId: (await this.resources.referenced(REGIONS, auth, [id], 'scope.id'))[0].id, groupId: null };
      case 'village':
        return {
          regionId: (await this.resources.referenced(VILLAGES, auth, [id], 'scope.id'))[0].regionId,
          groupId: null,
        };
      case 'group': {
        const [group] = await this.resources.referenced(GROUPS, auth, [id], 'scope.id');
        return { regionId: group.regionId, groupId: group.id };
      }
    }
  }
}
