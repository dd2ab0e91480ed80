import { packRules } from '@casl/ability/extra';
import { buildAbility } from '@pendamping/auth/permissions/ability.factory';
import { ROLES, type Role } from '@pendamping/auth/users/roles';
import type { PackedRule } from '../api/views';
import { accountScreensFor, MY_PHONES, navigationFor, worksOffline } from './navigation';

/** The rules `GET /me/abilities` answers a user of this role: packed from the one rules table. */
const rulesOf = (role: Role) =>
  packRules(
    buildAbility({
      kind: 'user',
      userId: '00000000-0000-4000-8000-000000000001',
      organizationId: '00000000-0000-4000-8000-000000000002',
      role,
      coordinatedRegionIds: [],
      memberGroupIds: [],
      memberVillageIds: [],
      memberRegionIds: [],
    }).rules,
  ) as PackedRule[];

describe('the phones screens in the navigation (SPEC §12)', () => {
  it('gives the organisation’s phones to whoever reads phones without setting any up, and her own to whoever sets them up', () => {
    const shown = ROLES.map((role) => ({
      role,
      phones: navigationFor(rulesOf(role)).some((item) => item.path === '/phones'),
      mine: accountScreensFor(rulesOf(role)),
    }));
    expect(shown).toEqual([
      { role: 'companion', phones: false, mine: [MY_PHONES] },
      { role: 'coordinator', phones: false, mine: [] },
      { role: 'reviewer', phones: false, mine: [] },
      { role: 'org_admin', phones: true, mine: [] },
    ]);
  });
});

describe('who works offline (SPEC §12: persistent storage is asked for her)', () => {
  it('is a companion, and no other role', () => {
    expect(ROLES.map((role) => ({ role, offline: worksOffline(rulesOf(role)) }))).toEqual([
      { role: 'companion', offline: true },
      { role: 'coordinator', offline: false },
      { role: 'reviewer', offline: false },
      { role: 'org_admin', offline: false },
    ]);
  });
});
