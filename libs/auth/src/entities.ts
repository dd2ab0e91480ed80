import { OrganizationEntity } from './organizations/organization.entity';

export { OrganizationEntity };

export const AUTH_ENTITIES = [OrganizationEntity];
