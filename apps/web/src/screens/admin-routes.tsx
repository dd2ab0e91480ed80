import { lazyScreen } from '../ui/lazy-screen';
import type { Route } from './routes';

/**
 * The administrator's screens load on demand, in one file of their own: a companion's phone never
 * downloads them, and the sign-in and worklist stay within the size budget (SPEC §11).
 */
const screens = () => import('./admin-screens');
const UsersScreen = lazyScreen(() => screens().then((module) => module.UsersScreen));
const UserCreateScreen = lazyScreen(() => screens().then((module) => module.UserCreateScreen));
const AdminRequestsScreen = lazyScreen(() => screens().then((module) => module.AdminRequestsScreen));
const UserScreen = lazyScreen(() => screens().then((module) => module.UserScreen));
const StructureScreen = lazyScreen(() => screens().then((module) => module.StructureScreen));
const DirectoryScreen = lazyScreen(() => screens().then((module) => module.DirectoryScreen));
const AuditScreen = lazyScreen(() => screens().then((module) => module.AuditScreen));

const UUID = '([0-9a-f-]{36})';

export const adminRoutes: Route[] = [
  { pattern: /^\/users$/, sections: ['/users'], render: () => <UsersScreen /> },
  { pattern: /^\/users\/new$/, sections: ['/users'], render: () => <UserCreateScreen /> },
  { pattern: /^\/users\/requests$/, sections: ['/users'], render: () => <AdminRequestsScreen /> },
  { pattern: new RegExp(`^/users/${UUID}$`), sections: ['/users'], render: (params) => <UserScreen params={params} /> },
  { pattern: /^\/structure$/, sections: ['/structure'], render: () => <StructureScreen /> },
  { pattern: /^\/directory$/, sections: ['/directory'], render: () => <DirectoryScreen /> },
  { pattern: /^\/audit$/, sections: ['/audit'], render: () => <AuditScreen /> },
];
