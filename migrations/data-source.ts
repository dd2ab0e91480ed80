import { dataSourceOptions, loadDotEnv } from '@pendamping/core';
import { DataSource } from 'typeorm';
import { FULL_SCHEMA } from './schema';

/** Entry point for the TypeORM migration CLI (`npm run migration:*`), over the built output. */
loadDotEnv();
const databaseUrl = process.env.DATABASE_URL;
if (!databaseUrl) throw new Error('DATABASE_URL is required');

export default new DataSource(dataSourceOptions(databaseUrl, FULL_SCHEMA, 2));
