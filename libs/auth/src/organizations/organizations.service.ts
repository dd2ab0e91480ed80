import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DomainError } from '@pendamping/core';
import { DataSource } from 'typeorm';
import { AuditWriter } from '../audit/audit.writer';
import { checkPassword, hashPassword } from '../authentication';
import { UserEntity } from '../users/user.entity';
import { OrganizationEntity } from './organization.entity';
import { uniqueOr409 } from './unique-violation';

/** Creating a tenant is a deployment operator's act (the CLI), never an HTTP request of a tenant's user. */
@Injectable()
export class OrganizationsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditWriter,
  ) {}

  /** The admin's password is temporary (SPEC §8): she sets her own at first sign-in, then enrols her second factor. */
  async create(input: {
    name: string;
    adminEmail: string;
    adminName: string;
    adminPassword: string;
  }): Promise<{ organizationId: string; adminId: string }> {
    const email = input.adminEmail.trim().toLowerCase();
    if (!/^[^\s":]+@[^\s":]+\.[^\s":]+$/.test(email))
      throw new DomainError('validation-failed', 'The admin email is not a plain email address.');
    const problems = checkPassword(input.adminPassword, { email, name: input.adminName });
    if (problems.length > 0)
      throw new DomainError('validation-failed', `The admin password does not meet the policy: ${problems.join(' ')}`);
    const passwordHash = await hashPassword(input.adminPassword);
    return this.dataSource.transaction(async (manager) => {
      const organizationId = (await manager.insert(OrganizationEntity, { name: input.name })).identifiers[0]
        .id as string;
      const adminId = await uniqueOr409(
        async () =>
          (
            await manager.insert(UserEntity, {
              organizationId,
              email,
              name: input.adminName,
              role: 'org_admin',
              passwordHash,
              passwordChangeRequired: true,
            })
          ).identifiers[0].id as string,
        { UQ_users_email: 'email' },
      );
      await this.audit.record(manager, {
        organizationId,
        actor: null,
        action: 'create',
        subject: 'Organization',
        subjectId: organizationId,
        fields: ['name'],
        outcome: 'success',
      });
      await this.audit.record(manager, {
        organizationId,
        actor: null,
        action: 'create',
        subject: 'User',
        subjectId: adminId,
        fields: ['email', 'name', 'role', 'password'],
        outcome: 'success',
      });
      return { organizationId, adminId };
    });
  }
}
