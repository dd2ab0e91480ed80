/** The administrator's screens, loaded together on demand (see admin-routes.tsx). */
export { AdminRequestsScreen } from './admin-requests';
export { AuditScreen } from './admin-audit';
export { DirectoryScreen } from './admin-directory';
export { StructureScreen } from './admin-structure';
export { UserCreateScreen } from './admin-user-create';
export { UserScreen } from './admin-user-page';
export { UsersScreen } from './admin-users';
