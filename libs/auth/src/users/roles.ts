export const ROLES = ['companion', 'coordinator', 'reviewer', 'org_admin'] as const;
export type Role = (typeof ROLES)[number];
