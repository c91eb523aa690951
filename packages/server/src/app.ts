import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { createServer as createHttpServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginCacheControlDisabled } from '@apollo/server/plugin/disabled';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { expressMiddleware } from '@as-integrations/express5';
import type { MikroORM } from '@mikro-orm/postgresql';
import express from 'express';
import { useServer } from 'graphql-ws/use/ws';
import { WebSocketServer } from 'ws';
import type { AppConfig } from './config.js';
import { persistentSecret, startEmbeddedPostgres, type EmbeddedDatabase } from './db/embedded.js';
import { openOrm } from './db/orm.js';
import { preparedRows } from './db/prepared.js';
import { isReady, prepareDatabase } from './db/prepare.js';
import { DomainError } from './domain/errors.js';
import { systemClock, type Clock } from './domain/time.js';
import { authenticateHeader, createContext, type GraphQLContext, type Services } from './graphql/context.js';
import { createErrorFormatter, toGraphQLError } from './graphql/errors.js';
import { buildYilianSchema } from './graphql/schema.js';
import { costLimitPlugin, limitRules, parseOptions } from './graphql/validation-rules.js';
import { auditReadsPlugin } from './modules/audit/audit.plugin.js';
import { sealAuditLog } from './modules/audit/audit-chain.js';
import { SlotClaimsInFlight } from './modules/capacity/slot-claims.js';
import { AuditWriter } from './modules/audit/audit-trail.js';
import { ApiKeyService } from './modules/identity/api-keys.js';
import { TokenService } from './modules/identity/tokens.js';
import type { Viewer } from './modules/identity/viewer.js';
import {
  apiSecurityHeaders,
  bodyErrors,
  corsFor,
  originAllowed,
  securityHeaders,
} from './platform/http-security.js';
import { deriveKeys } from './platform/keys.js';
import { createLogger, type Logger } from './platform/logger.js';
import { startMaintenance } from './platform/maintenance.js';
import { graphqlPost } from './platform/graphql-post.js';
import type { Middleware } from './platform/http-middleware.js';
import { httpErrorHandler } from './platform/http-errors.js';
import { createMetrics } from './platform/metrics.js';
import { RateLimits } from './platform/rate-limits.js';
import { Realtime } from './realtime/realtime.js';
import { realtimeOptions, type RealtimeOptions } from './realtime/realtime.config.js';
import { graphqlWsOptions } from './realtime/ws-server.js';

/** A running Yilian server. */
export interface YilianServer {
  /** Base URL, e.g. http://127.0.0.1:4000 */
  readonly url: string;
  readonly port: number;
  readonly orm: MikroORM;
  readonly services: Services;
  /** The database URL in use (the embedded cluster's when embedded). */
  readonly databaseUrl: string;
  stop(): Promise<void>;
}

export interface ServerOptions {
  clock?: Clock;
  logger?: Logger;
  /** Called with every SQL statement (tests count them). */
  onQuery?: (sql: string) => void;
  /** Overrides of the real-time options (tests: short poll, ping and auth-check intervals). */
  realtime?: Partial<RealtimeOptions>;
}

function clientIp(request: IncomingMessage): string | null {
  return request.socket.remoteAddress ?? null;
}

/** Domain refusals outside a resolver (authentication, rate limits) as the GraphQL errors clients see. */
function rethrowAsGraphQLError(error: unknown): never {
  if (error instanceof DomainError) throw toGraphQLError(error);
  throw error;
}

/**
 * Builds and starts the whole server on one port: GraphQL over HTTP and graphql-ws at /graphql,
 * /healthz, /readyz, /metrics, and the built dashboard at /. Pass `port: 0` for a free port (tests).
 */
export async function createServer(config: AppConfig, options: ServerOptions = {}): Promise<YilianServer> {
  const logger = options.logger ?? createLogger(config.logLevel);
  const clock = options.clock ?? systemClock;

  let embedded: EmbeddedDatabase | undefined;
  let databaseUrl: string;
  let secret = config.secret;
  if (config.database.mode === 'embedded') {
    embedded = await startEmbeddedPostgres(config.database.dataDir, logger);
    await embedded.createDatabase('yilian');
    databaseUrl = embedded.urlFor('yilian');
    secret ??= await persistentSecret(config.database.dataDir, 'yilian-secret', 48);
  } else {
    databaseUrl = config.database.url;
  }
  if (!secret) throw new Error('no secret configured');

  const keys = deriveKeys(secret);
  const realtime = new Realtime(databaseUrl, realtimeOptions(process.env, options.realtime), logger, clock);
  const orm = await openOrm({ url: databaseUrl, logger, onQuery: options.onQuery });
  const query = <R>(sql: string, params: unknown[]) =>
    orm.em.getConnection().execute(sql, params, 'all') as Promise<R[]>;
  // Refusals' and reads' entries: one prepared statement whatever the batch size (audit-entry.ts).
  const audit = new AuditWriter((sql, params) => preparedRows(orm.em, sql, params), logger);
  const services: Services = {
    tokens: new TokenService(keys.tokenSigning, config.tokenTtlSeconds),
    apiKeys: new ApiKeyService({
      query,
      keys,
      audit,
      logger,
      cacheTrusted: () => realtime.relay.listenerConnected,
    }),
    audit,
    keys,
    clock,
    logger,
    events: realtime,
    rateLimits: new RateLimits(config.limits),
    slotClaims: new SlotClaimsInFlight(),
  };
  // A revoked key is dropped and its sockets closed at once, here and (through the relay) on every replica.
  services.apiKeys.onRevoked((keyId) => realtime.closeApiKey(keyId));
  realtime.relay.watch('ApiKey', (event) => services.apiKeys.revoked(event.aggregateId));
  try {
    await prepareDatabase(orm, databaseUrl, { seedDemo: config.seedDemo, keys, clock, logger });
    await realtime.start(orm);
  } catch (error) {
    await realtime.stop();
    await orm.close();
    await embedded?.stop();
    throw error;
  }

  const schema = await buildYilianSchema();
  const metrics = createMetrics();
  realtime.registerMetrics(metrics.registry);
  const app = express();
  app.disable('x-powered-by');
  // GraphQL answers are live: an ETag (a hash of every body) would only cost CPU.
  app.set('etag', false);
  const documentHeaders = securityHeaders();
  const apiHeaders = apiSecurityHeaders();
  // The API's JSON answers get the API's header set; pages, assets and the rest the document's.
  app.use((req, res, next) => (req.path === '/graphql' ? apiHeaders : documentHeaders)(req, res, next));
  // Requests are served once Apollo has started (see the 'request' listener below).
  const httpServer = createHttpServer();

  const authenticate = async (header: string | undefined, ip: string | null): Promise<Viewer | null> => {
    try {
      return await authenticateHeader(services, header, ip);
    } catch (error) {
      return rethrowAsGraphQLError(error);
    }
  };

  const wsServer = new WebSocketServer({
    server: httpServer,
    path: '/graphql',
    maxPayload: config.limits.maxBodyBytes,
    verifyClient: ({ req }: { req: IncomingMessage }, done: (ok: boolean, status?: number) => void) =>
      done(originAllowed(req, config.corsOrigins), 403),
  });
  const wsCleanup = useServer(
    graphqlWsOptions({
      schema,
      realtime,
      services,
      production: config.production,
      limits: config.limits.operation,
      authenticate,
      clientIp,
    }),
    wsServer,
    realtime.options.pingIntervalMs,
  );

  const apollo = new ApolloServer<GraphQLContext>({
    schema,
    introspection: !config.production,
    includeStacktraceInErrorResponses: false,
    // Batched (array) requests stay refused (Apollo's default), as does a simple request without a
    // preflight (csrfPrevention, on by default).
    parseOptions: parseOptions(config.limits.operation),
    validationRules: limitRules(config.limits.operation),
    formatError: createErrorFormatter(logger, { production: config.production }),
    plugins: [
      // Answers are live and private: no cache hints, and no per-field hook that would compute them.
      ApolloServerPluginCacheControlDisabled(),
      costLimitPlugin<GraphQLContext>(config.limits.operation),
      ApolloServerPluginDrainHttpServer({ httpServer }),
      auditReadsPlugin,
      { serverWillStart: async () => ({ drainServer: async () => void (await wsCleanup.dispose()) }) },
    ],
  });
  await apollo.start();

  /** Request duration by route, for /metrics (both Express and the POST /graphql lane). */
  const timed: Middleware = (req, res, next) => {
    const started = process.hrtime.bigint();
    res.on('finish', () => {
      const path = (req.url ?? '').split('?')[0]!;
      const route =
        path === '/graphql' || path.startsWith('/healthz') || path === '/readyz' || path === '/metrics'
          ? path
          : 'static';
      metrics.httpDuration.observe(
        { route, method: req.method ?? '', status: String(res.statusCode) },
        Number(process.hrtime.bigint() - started) / 1e9,
      );
    });
    next();
  };
  app.use(timed);

  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  app.get('/readyz', async (_req, res) => {
    const ready = await isReady(orm);
    res.status(ready ? 200 : 503).json({ status: ready ? 'ready' : 'not ready' });
  });
  app.get('/metrics', async (_req, res) => {
    res.type(metrics.registry.contentType).send(await metrics.registry.metrics());
  });

  const graphqlContext = async (req: IncomingMessage): Promise<GraphQLContext> => {
    const ip = clientIp(req);
    const viewer = await authenticate(req.headers.authorization, ip);
    await services.rateLimits.operation(viewer, ip).catch(rethrowAsGraphQLError);
    return createContext(orm.em, viewer, services, randomUUID(), ip);
  };
  const graphqlMiddleware = [
    corsFor(config.corsOrigins),
    express.json({ limit: config.limits.maxBodyBytes }),
  ] as const;
  const refusals = bodyErrors(config.limits.maxBodyBytes);
  const lastResort = httpErrorHandler(logger);
  app.use(
    '/graphql',
    ...graphqlMiddleware,
    expressMiddleware(apollo, { context: ({ req }) => graphqlContext(req) }),
    refusals,
  );
  const postGraphql = graphqlPost({
    apollo,
    context: graphqlContext,
    middleware: [apiHeaders, timed, ...graphqlMiddleware],
    errorMiddleware: [refusals, lastResort],
  });

  if (existsSync(join(config.dashboardDir, 'index.html'))) {
    app.use(express.static(config.dashboardDir, { index: 'index.html', maxAge: '1h' }));
    // Client-side routes fall back to the app shell; a missing file (a path with an extension) does not.
    app.get(/^\/(?!graphql|healthz|readyz|metrics)[^.]*$/, (_req, res) => {
      res.sendFile(join(config.dashboardDir, 'index.html'));
    });
  } else {
    logger.warn(
      { dashboardDir: config.dashboardDir },
      'dashboard not built; run `pnpm build` to serve it at /',
    );
  }
  app.use(lastResort);
  // POST /graphql (every API call but GET queries) skips Express: see platform/graphql-post.ts.
  httpServer.on('request', (req: IncomingMessage, res: ServerResponse) => {
    if (req.method === 'POST' && req.url === '/graphql') postGraphql(req, res);
    else void app(req, res);
  });

  await new Promise<void>((resolveListen, reject) => {
    httpServer.once('error', reject);
    httpServer.listen(config.port, config.host, () => resolveListen());
  });
  const port = (httpServer.address() as AddressInfo).port;
  const url = `http://${config.host === '0.0.0.0' ? '127.0.0.1' : config.host}:${port}`;

  const maintenance = startMaintenance({
    orm,
    clock,
    logger,
    demo: config.seedDemo,
    sweepIntervalMs: config.sweepIntervalMs,
    onChanged: () => services.events.committed(),
    sealAudit: () => sealAuditLog(orm.em.fork(), keys.auditChain),
  });

  let stopping: Promise<void> | undefined;
  return {
    url,
    port,
    orm,
    services,
    databaseUrl,
    stop: () =>
      (stopping ??= (async () => {
        maintenance.stop();
        // Sockets first, with a code clients retry (1012), while the database is still there.
        await realtime.closeSockets(wsServer.clients);
        await apollo.stop();
        await realtime.stop();
        await orm.close(true);
        await embedded?.stop();
      })()),
  };
}
