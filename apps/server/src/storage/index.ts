export {
  createDatabase,
  type CreateDatabaseOptions,
  type DatabaseDialect,
  type DatabaseHandle,
} from './create-database.js';
export { isUniqueViolation } from './database-errors.js';
export {
  createKeyedJobQueue,
  type KeyedJobQueue,
  type KeyedJobQueueOptions,
} from './pg-boss-queue.js';
export { migrateToLatest, MigrationError } from './migrate.js';
export { MIGRATIONS } from './migrations/index.js';
export type * from './database.types.js';
export * from './schema-values.js';
