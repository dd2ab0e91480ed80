import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AuditWriter, OrganizationsService, Role } from '@pendamping/auth';
import { hashPassword } from '@pendamping/auth/authentication';
import {
  GroupEntity,
  OrganizationEntity,
  RegionEntity,
  ServiceProviderEntity,
  UserEntity,
  UserGroupEntity,
  UserRegionEntity,
  VillageEntity,
} from '@pendamping/auth/entities';
import { DataSource, EntityManager } from 'typeorm';
import { DemoCaseCounts, DemoCaseSeeder } from './demo-case-seeder';
import { DEMO_PLACES, DEMO_SERVICE_PROVIDERS, DEMO_USERS } from './demo-data';
import { DemoPlanCounts, DemoPlanSeeder } from './demo-plan-seeder';

export const DEMO_ORGANIZATION_NAME = 'Yayasan Suara Perempuan Nusa (demo)';
/** Public on purpose: the demo holds no real data. Never reuse it anywhere else. */
export const DEMO_PASSWORD = 'kopi-sore-di-oesao-2026';

export interface DemoLogin {
  email: string;
  role: Role;
  scope: string;
}

export interface DemoSummary {
  organizationId: string;
  created: boolean;
  logins: DemoLogin[];
  /** What the demo's caseload came to; absent when the organisation was already there. */
  cases?: DemoCaseCounts;
  /** What the groups' work plans came to; absent when the organisation was already there. */
  plans?: DemoPlanCounts;
}

/** The summary's line about the cases, for the CLI to print. */
export function describeDemoCases(counts: DemoCaseCounts): string {
  const statuses = Object.entries(counts.byStatus)
    .map(([status, count]) => `${count} ${status}`)
    .join(', ');
  return `  ${counts.cases} cases (${statuses}), ${counts.referrals} referrals, ${counts.followUps} follow-ups, ${counts.transitions} status changes, ${counts.updates} case updates; seeded in ${counts.seconds.toFixed(1)} s.`;
}

/** The summary's line about the work plans, for the CLI to print. */
export function describeDemoPlans(counts: DemoPlanCounts): string {
  return (
    `  ${counts.plans} work plans (2025 and 2026 for every group; ${counts.returned} returned once with comments before approval), ` +
    `${counts.items} plan items (${counts.itemsDone} done, ${counts.itemsCancelled} cancelled, ${counts.itemsAddedAfterApproval} added after approval, ${counts.itemsOverdue} overdue), ` +
    `${counts.activities} activity reports reaching ${counts.participants} people; seeded in ${counts.seconds.toFixed(1)} s.`
  );
}

/**
 * The demo organisation: two regions of Nusa Tenggara Timur, their villages and groups, a user of
 * every role, a few hundred cases over two years with their referrals and follow-ups, and every
 * group's work plans for 2025 and 2026 with their activity reports. Running it again changes
 * nothing.
 */
@Injectable()
export class DemoSeeder {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly organizations: OrganizationsService,
    private readonly audit: AuditWriter,
    private readonly demoCases: DemoCaseSeeder,
    private readonly demoPlans: DemoPlanSeeder,
  ) {}

  async seed(): Promise<DemoSummary> {
    const logins = DEMO_USERS.map(({ email, role, scope }) => ({ email, role, scope }));
    const existing = await this.dataSource
      .getRepository(OrganizationEntity)
      .findOneBy({ name: DEMO_ORGANIZATION_NAME });
    if (existing) return { organizationId: existing.id, created: false, logins };
    const admin = DEMO_USERS.find((user) => user.role === 'org_admin')!;
    const { organizationId } = await this.organizations.create({
      name: DEMO_ORGANIZATION_NAME,
      adminEmail: admin.email,
      adminName: admin.name,
      adminPassword: DEMO_PASSWORD,
    });
    const passwordHash = await hashPassword(DEMO_PASSWORD);
    await this.dataSource.transaction((manager) => this.fill(manager, organizationId, passwordHash));
    const cases = await this.demoCases.seed(organizationId).catch((error: unknown) => {
      // The organisation exists now, so running the seed again would not finish the cases.
      throw new Error(
        `${error instanceof Error ? error.message : String(error)}\nThe demo organisation was left with part of its cases: seed a fresh database.`,
        { cause: error },
      );
    });
    const plans = await this.demoPlans.seed(organizationId).catch((error: unknown) => {
      throw new Error(
        `${error instanceof Error ? error.message : String(error)}\nThe demo organisation was left with part of its work plans: seed a fresh database.`,
        { cause: error },
      );
    });
    return { organizationId, created: true, logins, cases, plans };
  }

  private async fill(manager: EntityManager, organizationId: string, passwordHash: string) {
    // The demo's admin keeps the documented demo password: operator tooling that never runs in production.
    await manager.update(UserEntity, { organizationId, role: 'org_admin' }, { passwordChangeRequired: false });
    const regionIds = new Map<string, string>();
    const groupIds = new Map<string, string>();
    for (const region of DEMO_PLACES) {
      const regionId = (
        await manager.insert(RegionEntity, {
          organizationId,
          name: region.name,
          code: region.code,
          timeZone: 'Asia/Makassar',
        })
      ).identifiers[0].id as string;
      regionIds.set(region.code, regionId);
      for (const village of region.villages) {
        const villageId = (await manager.insert(VillageEntity, { organizationId, regionId, name: village.name }))
          .identifiers[0].id as string;
        const groupId = (
          await manager.insert(GroupEntity, { organizationId, regionId, villageId, name: village.group })
        ).identifiers[0].id as string;
        groupIds.set(village.group, groupId);
      }
    }
    for (const provider of DEMO_SERVICE_PROVIDERS) {
      await manager.insert(ServiceProviderEntity, {
        organizationId,
        regionId: provider.region === null ? null : regionIds.get(provider.region)!,
        name: provider.name,
        serviceType: provider.serviceType,
        phone: provider.phone,
        address: null,
        active: true,
      });
    }
    const [firstAdmin] = DEMO_USERS.filter((candidate) => candidate.role === 'org_admin');
    for (const user of DEMO_USERS.filter((candidate) => candidate !== firstAdmin)) {
      const userId = (
        await manager.insert(UserEntity, {
          organizationId,
          email: user.email,
          name: user.name,
          role: user.role,
          passwordHash,
        })
      ).identifiers[0].id as string;
      for (const code of user.regions ?? [])
        await manager.insert(UserRegionEntity, { userId, regionId: regionIds.get(code)!, organizationId });
      for (const group of user.groups ?? [])
        await manager.insert(UserGroupEntity, { userId, groupId: groupIds.get(group)!, organizationId });
    }
    await this.audit.record(manager, {
      organizationId,
      actor: null,
      action: 'seed_demo',
      subject: 'Organization',
      subjectId: organizationId,
      outcome: 'success',
    });
  }
}
