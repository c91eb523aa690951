import { Migrator } from '@mikro-orm/migrations';
import { defineConfig, MikroORM, type Options } from '@mikro-orm/postgresql';
import type { Logger } from '../platform/logger.js';
import { ENTITIES } from './entities.js';
import { Migration20261124000000InitialSchema } from './migrations/Migration20261124000000InitialSchema.js';
import { Migration20261124010000EventsAndWorkflow } from './migrations/Migration20261124010000EventsAndWorkflow.js';
import { Migration20261124020000SlotPools } from './migrations/Migration20261124020000SlotPools.js';
import { Migration20261124030000GuidanceAndActivity } from './migrations/Migration20261124030000GuidanceAndActivity.js';
import { Migration20261125000000ApiKeysAndAuditChain } from './migrations/Migration20261125000000ApiKeysAndAuditChain.js';
import { Migration20261126000000ClaimSlotFirst } from './migrations/Migration20261126000000ClaimSlotFirst.js';

/** Migrations in order; listed explicitly so no file-system discovery is needed at run time. */
export const MIGRATIONS = [
  { name: 'Migration20261124000000InitialSchema', class: Migration20261124000000InitialSchema },
  { name: 'Migration20261124010000EventsAndWorkflow', class: Migration20261124010000EventsAndWorkflow },
  { name: 'Migration20261124020000SlotPools', class: Migration20261124020000SlotPools },
  { name: 'Migration20261124030000GuidanceAndActivity', class: Migration20261124030000GuidanceAndActivity },
  { name: 'Migration20261125000000ApiKeysAndAuditChain', class: Migration20261125000000ApiKeysAndAuditChain },
  { name: 'Migration20261126000000ClaimSlotFirst', class: Migration20261126000000ClaimSlotFirst },
];

export interface OrmOptions {
  url: string;
  logger: Logger;
  poolMax?: number;
  /** Called with every SQL statement; tests use it to count queries. */
  onQuery?: (sql: string) => void;
}

export function ormConfig({ url, logger, poolMax = 20, onQuery }: OrmOptions): Options {
  return defineConfig({
    clientUrl: url,
    entities: ENTITIES,
    extensions: [Migrator],
    migrations: {
      migrationsList: MIGRATIONS,
      tableName: 'mikro_orm_migrations',
      transactional: true,
      allOrNothing: true,
      snapshot: false,
    },
    pool: { min: 0, max: poolMax, idleTimeoutMillis: 10_000 },
    // The request context forks the entity manager; the global one must never be used by mistake.
    allowGlobalContext: false,
    forceUtcTimezone: true,
    debug: onQuery ? ['query'] : false,
    logger: (message: string) => {
      if (onQuery) onQuery(message);
      else logger.debug({ orm: message }, 'orm');
    },
    discovery: { warnWhenNoEntities: true, requireEntitiesArray: true },
  });
}

export async function openOrm(options: OrmOptions): Promise<MikroORM> {
  return MikroORM.init(ormConfig(options));
}
