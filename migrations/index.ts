import { Foundation1795434000000 } from './1795434000000-foundation';

/** Applied in this order. `npm run migration:generate` writes a new file; add its class here. */
export const MIGRATIONS = [Foundation1795434000000];
