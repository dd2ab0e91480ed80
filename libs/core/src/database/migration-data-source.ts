import { DataSource } from 'typeorm';
import { loadDotEnv } from '../config/env-file';
import { dataSourceOptions } from './data-source-options';

/** Entry point for the TypeORM migration CLI (`npm run migration:*`), over the built output. */
loadDotEnv();
const databaseUrl = process.env.DATABASE_URL;
if (!databaseUrl) throw new Error('DATABASE_URL is required');

export default new DataSource(dataSourceOptions(databaseUrl, 2));
