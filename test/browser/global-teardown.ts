import globalTeardown from '../support/global-teardown';
import { closeBrowserServer } from './browser-server';

export default async function browserGlobalTeardown(): Promise<void> {
  await closeBrowserServer();
  await globalTeardown();
}
