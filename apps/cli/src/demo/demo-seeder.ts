import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { OrganizationEntity } from '@pendamping/auth/entities';
import { DataSource } from 'typeorm';

export const DEMO_ORGANIZATION_NAME = 'Yayasan Suara Perempuan Nusa (demo)';

export interface DemoSummary {
  organizationId: string;
  created: boolean;
}

/** Creates the demo organisation once; running it again changes nothing. */
@Injectable()
export class DemoSeeder {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async seed(): Promise<DemoSummary> {
    return this.dataSource.transaction(async (manager) => {
      const organizations = manager.getRepository(OrganizationEntity);
      const existing = await organizations.findOneBy({ name: DEMO_ORGANIZATION_NAME });
      if (existing) return { organizationId: existing.id, created: false };
      const created = await organizations.save(organizations.create({ name: DEMO_ORGANIZATION_NAME }));
      return { organizationId: created.id, created: true };
    });
  }
}
