import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { startEmbeddedPostgres, type EmbeddedDatabase } from '../src/db/embedded.js';
import { openOrm } from '../src/db/orm.js';
import { prepareDatabase } from '../src/db/prepare.js';
import { systemClock } from '../src/domain/time.js';
import { deriveKeys } from '../src/platform/keys.js';
import { createLogger } from '../src/platform/logger.js';
import { TEMPLATE_DATABASE, TEST_SECRET, withDatabaseName } from './database.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** URL of a maintenance database on the test cluster; files create their own databases from it. */
    adminDatabaseUrl: string;
  }
}

/**
 * Starts one PostgreSQL for the whole run (embedded, or the one DATABASE_URL names) and prepares a
 * migrated, seeded template database; each test file then copies it into a database of its own.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const logger = createLogger('warn');
  let embedded: EmbeddedDatabase | undefined;
  let dataDir: string | undefined;
  let adminUrl = process.env.DATABASE_URL;
  if (!adminUrl) {
    dataDir = await mkdtemp(join(tmpdir(), 'yilian-test-'));
    await chmod(dataDir, 0o755);
    embedded = await startEmbeddedPostgres(dataDir, logger);
    adminUrl = embedded.adminUrl;
  }
  const pg = (await import('pg')).default;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${TEMPLATE_DATABASE} WITH (FORCE)`);
  await admin.query(`CREATE DATABASE ${TEMPLATE_DATABASE}`);
  await admin.end();

  const templateUrl = withDatabaseName(adminUrl, TEMPLATE_DATABASE);
  const orm = await openOrm({ url: templateUrl, logger });
  await prepareDatabase(orm, templateUrl, {
    seedDemo: true,
    keys: deriveKeys(TEST_SECRET),
    clock: systemClock,
    logger,
  });
  await orm.close(true);

  project.provide('adminDatabaseUrl', adminUrl);
  return async () => {
    await embedded?.stop();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  };
}
