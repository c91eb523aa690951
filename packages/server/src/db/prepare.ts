import type { MikroORM } from '@mikro-orm/postgresql';
import pg from 'pg';
import type { Clock } from '../domain/time.js';
import type { Keys } from '../platform/keys.js';
import type { Logger } from '../platform/logger.js';
import { seedDemoAlliance } from './seeders/demo-alliance.seeder.js';
import { topUpSlots } from '../modules/capacity/slot-pools.js';
import { topUpDemoRoster } from './seeders/demo-roster.js';

/** Arbitrary but fixed key of the advisory lock that serialises migrations and seeding across processes. */
const MIGRATION_LOCK_KEY = 7_114_202_611;

/**
 * Migrates the database and, when asked, seeds the demo alliance. Several processes may call this
 * at once on one database: the first takes a session advisory lock and does the work, the others
 * wait for it and then find nothing left to do.
 */
export async function prepareDatabase(
  orm: MikroORM,
  url: string,
  options: { seedDemo: boolean; keys: Keys; clock: Clock; logger: Logger },
): Promise<void> {
  const lock = new pg.Client({ connectionString: url });
  await lock.connect();
  try {
    await lock.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
    const applied = await orm.getMigrator().up();
    if (applied.length) options.logger.info({ migrations: applied.map((m) => m.name) }, 'applied migrations');
    if (options.seedDemo) {
      await seedDemoAlliance(orm.em.fork(), options.keys, options.clock, options.logger);
      await topUpDemoRoster(orm.em.fork(), options.clock);
    }
    const slots = await topUpSlots(orm.em.fork(), options.clock);
    if (slots) options.logger.info({ slots }, 'generated slots over the rolling horizon');
  } finally {
    await lock.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]).catch(() => undefined);
    await lock.end();
  }
}

/** Whether the database answers and every migration this build knows of is applied. */
export async function isReady(orm: MikroORM): Promise<boolean> {
  try {
    return (await orm.getMigrator().getPendingMigrations()).length === 0;
  } catch {
    return false;
  }
}
