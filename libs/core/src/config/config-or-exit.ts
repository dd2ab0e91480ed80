import { AppConfig, ConfigError, loadConfig } from './app-config';
import { loadDotEnv } from './env-file';

/** For process entry points: read `.env`, validate, and stop with the variables' names if wrong. */
export function loadConfigOrExit(): AppConfig {
  loadDotEnv();
  try {
    return loadConfig();
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    process.stderr.write(`${error.message}\nEvery variable is described in .env.example.\n`);
    process.exit(1);
  }
}
