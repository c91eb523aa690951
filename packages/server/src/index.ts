import { createServer } from './app.js';
import { ConfigError, loadConfig } from './config.js';
import { DEMO_PASSWORD } from './db/seeders/demo-alliance.seeder.js';
import { DEMO_USERS } from './db/seeders/demo-alliance.data.js';
import { createLogger } from './platform/logger.js';

/** Entry point: load config, start, print where and how to log in, stop cleanly on SIGTERM/SIGINT. */
async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`yilian: configuration error: ${error.message}\n`);
      process.exit(78);
    }
    throw error;
  }
  const logger = createLogger(config.logLevel);
  const started = Date.now();
  const server = await createServer(config, { logger }).catch((error: unknown) => {
    process.stderr.write(
      `yilian: could not start: ${error instanceof Error ? error.message : String(error)}\n`,
    );
    process.exit(1);
  });
  logger.info({ url: server.url, startupMs: Date.now() - started }, 'Yilian is serving');
  const lines = [
    '',
    `  Yilian (医联) is up:  dashboard ${server.url}/   GraphQL ${server.url}/graphql`,
    `  health ${server.url}/healthz   ready ${server.url}/readyz   metrics ${server.url}/metrics`,
  ];
  if (config.seedDemo) {
    lines.push(
      `  Demo logins (password "${DEMO_PASSWORD}"): ${DEMO_USERS.map((u) => u.username).join(', ')}`,
    );
  }
  process.stdout.write(lines.join('\n') + '\n\n');

  const shutdown = (signal: string) => {
    logger.info({ signal }, 'shutting down');
    server.stop().then(
      () => process.exit(0),
      (error: unknown) => {
        logger.error({ err: error }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.once('SIGTERM', () => shutdown('SIGTERM'));
  process.once('SIGINT', () => shutdown('SIGINT'));
}

await main();
