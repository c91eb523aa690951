import { randomBytes } from 'node:crypto';
import pg from 'pg';

/** The migrated, seeded database every test database is copied from. */
export const TEMPLATE_DATABASE = 'yilian_test_template';
export const TEST_SECRET = 'test-secret-for-yilian-integration-tests-0123456789';

export function withDatabaseName(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

/**
 * A fresh database for one test file: a copy of the seeded template (fast, and files stay independent),
 * or an empty one when `empty` is set.
 */
export async function createTestDatabase(
  adminUrl: string,
  options: { empty?: boolean } = {},
): Promise<string> {
  const name = `yilian_t_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    for (let attempt = 0; ; attempt++) {
      try {
        await admin.query(
          options.empty ? `CREATE DATABASE ${name}` : `CREATE DATABASE ${name} TEMPLATE ${TEMPLATE_DATABASE}`,
        );
        break;
      } catch (error) {
        // Two files copying the template at the same instant: PostgreSQL refuses the second; retry.
        if (attempt > 50 || !String(error).includes('is being accessed by other users')) throw error;
        await new Promise((r) => setTimeout(r, 100 + Math.random() * 200));
      }
    }
  } finally {
    await admin.end();
  }
  return withDatabaseName(adminUrl, name);
}
