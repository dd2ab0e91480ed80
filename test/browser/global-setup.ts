import globalSetup from '../support/global-setup';
import { launchBrowserServer } from './browser-server';

/** The e2e setup, and one Chromium for the whole browser run: every suite connects to it. */
export default async function browserGlobalSetup(): Promise<void> {
  await globalSetup();
  await launchBrowserServer();
}
