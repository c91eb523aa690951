import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import {
  createSourceEventStream,
  execute,
  getOperationAST,
  GraphQLError,
  parse,
  print,
  validate,
  type DocumentNode,
  type ExecutionArgs,
  type ExecutionResult,
  type FormattedExecutionResult,
  type GraphQLFormattedError,
  type GraphQLSchema,
} from 'graphql';
import { CloseCode, MessageType, type ServerOptions } from 'graphql-ws';
import { decodeJwt } from 'jose';
import type { WebSocket } from 'ws';
import type { OperationLimits } from '../config.js';
import { DomainError } from '../domain/errors.js';
import { bearerToken, createContext, type GraphQLContext, type Services } from '../graphql/context.js';
import { createErrorFormatter, toGraphQLError } from '../graphql/errors.js';
import { costRefusal, parseOptions, validationRulesFor } from '../graphql/validation-rules.js';
import type { Viewer } from '../modules/identity/viewer.js';
import { lazyContext } from './event-context.js';
import { Delivery, EventStream, type LiveSink } from './event-stream.js';
import {
  attachConnection,
  closeReason,
  socketOperationOf,
  type Realtime,
  type SocketConnection,
  type SocketOperation,
} from './realtime.js';

/** What graphql-ws keeps per socket. */
export interface WsExtra {
  readonly socket: WebSocket;
  readonly request: IncomingMessage;
  viewer?: Viewer | null;
  connection?: SocketConnection;
}

export interface WsServerDependencies {
  readonly schema: GraphQLSchema;
  readonly realtime: Realtime;
  readonly services: Services;
  readonly production: boolean;
  readonly limits: OperationLimits;
  /** The viewer of an `Authorization` value; null without one; throws a GraphQLError for a bad one. */
  authenticate(header: string | undefined, ip: string | null): Promise<Viewer | null>;
  clientIp(request: IncomingMessage): string | null;
}

/** A GraphQL error with a code (unless it has one), as Apollo gives parse and validation errors over HTTP. */
function withCode(error: GraphQLError, code: string): GraphQLError {
  return new GraphQLError(error.message, {
    nodes: error.nodes,
    source: error.source,
    positions: error.positions,
    path: error.path,
    originalError: error.originalError,
    extensions: { ...error.extensions, code: error.extensions.code ?? code },
  });
}

/** Wraps a source stream so that each value is executed by `map`; `return()` reaches the source at once. */
function mapStream<T, R>(
  source: AsyncIterable<T>,
  map: (value: T) => Promise<R>,
): AsyncGenerator<R, void, void> {
  const iterator = source[Symbol.asyncIterator]();
  const stream: AsyncGenerator<R, void, void> = {
    async next() {
      const result = await iterator.next();
      if (result.done) return { done: true, value: undefined };
      return { done: false, value: await map(result.value) };
    },
    async return() {
      await iterator.return?.();
      return { done: true, value: undefined };
    },
    async throw(error: unknown) {
      await iterator.return?.();
      throw error;
    },
    [Symbol.asyncIterator]() {
      return stream;
    },
  };
  return stream;
}

type Parsed = DocumentNode | readonly GraphQLError[];

/** Parsed and validated operations by their text: identical screens send identical subscriptions. */
class DocumentCache {
  private readonly entries = new Map<string, Parsed>();
  constructor(private readonly capacity: number) {}

  get(query: string, compute: () => Parsed): Parsed {
    let entry = this.entries.get(query);
    if (entry) {
      // Most recently used last, so the least recently used is evicted first.
      this.entries.delete(query);
    } else {
      entry = compute();
    }
    this.entries.set(query, entry);
    if (this.entries.size > this.capacity) this.entries.delete(this.entries.keys().next().value!);
    return entry;
  }
}

/**
 * Executes an operation, then writes the audit entries of the identifying data it returned before the
 * answer leaves (one per root field). Should that fail, the answer is withheld: nothing is sent unaudited.
 */
async function executeAudited(args: ExecutionArgs): Promise<ExecutionResult> {
  const result = await execute(args);
  try {
    await (args.contextValue as GraphQLContext).audit.flushReads();
  } catch {
    return {
      errors: [
        new GraphQLError('the answer could not be audited', {
          extensions: { code: 'INTERNAL_SERVER_ERROR' },
        }),
      ],
    };
  }
  return result;
}

/** Printed documents (cached documents are shared by many subscriptions). */
const printed = new WeakMap<DocumentNode, string>();

/** Executions of one delivery, by operation (document, operation name and variables). */
const executions = new WeakMap<Delivery, Map<string, Promise<ExecutionResult>>>();

/** Where a subscription's caught-up live events go without graphql-ws's iteration (see LiveSink). */
export type LiveSinkFactory = (
  args: ExecutionArgs,
  operation: string,
  execute: (delivery: Delivery) => Promise<ExecutionResult>,
) => LiveSink<unknown> | null;

/**
 * graphql-js executes every event of a subscription with the context of the operation. We want each
 * event resolved with a fresh entity-manager fork and loaders (never state shared across events): our
 * streams yield a {@link Delivery} that carries one, and this executes each event with it. Subscribers
 * that share a delivery (same user, scope and arguments) and send the same operation share its
 * execution too, so a thousand identical screens cost one execution per event, not a thousand.
 * With `liveSink`, an {@link EventStream} that has caught up sends its live events through it.
 */
export async function subscribeWithFreshContexts(
  args: ExecutionArgs,
  liveSink?: LiveSinkFactory,
): Promise<AsyncGenerator<ExecutionResult, void, void> | ExecutionResult> {
  const source = await createSourceEventStream(args);
  if (!(Symbol.asyncIterator in Object(source))) return source as ExecutionResult;
  let text = printed.get(args.document);
  if (text === undefined) printed.set(args.document, (text = print(args.document)));
  const operation = JSON.stringify([text, args.operationName ?? null, args.variableValues ?? null]);
  const run = (payload: unknown): Promise<ExecutionResult> => {
    const contextValue = payload instanceof Delivery ? payload.context : args.contextValue;
    return executeAudited({ ...args, rootValue: payload, contextValue });
  };
  const shared = (delivery: Delivery): Promise<ExecutionResult> => {
    let byOperation = executions.get(delivery);
    if (!byOperation) executions.set(delivery, (byOperation = new Map()));
    let result = byOperation.get(operation);
    if (!result) byOperation.set(operation, (result = run(delivery)));
    return result;
  };
  if (source instanceof EventStream && liveSink) {
    const sink = liveSink(args, operation, shared);
    if (sink) source.sendLiveTo(sink);
  }
  return mapStream(source as AsyncIterable<unknown>, (payload) =>
    payload instanceof Delivery ? shared(payload) : run(payload),
  );
}

/** What every socket sink of a server shares. */
interface SinkOutput {
  readonly realtime: Realtime;
  readonly formatted: (result: ExecutionResult) => FormattedExecutionResult;
}

/**
 * Writes one subscription's live events to its socket as graphql-ws's `next` would, with the same
 * expiry check as `onNext`. A class, not closures: one of these lives as long as each subscription.
 */
class SocketSink implements LiveSink<unknown> {
  constructor(
    readonly key: string,
    private readonly subscription: SocketOperation,
    private readonly execute: (delivery: Delivery) => Promise<ExecutionResult>,
    private readonly output: SinkOutput,
  ) {}

  async render(delivery: Delivery): Promise<string> {
    return JSON.stringify(this.output.formatted(await this.execute(delivery)));
  }

  write(rendered: string, written: () => void): void {
    const { connection, id } = this.subscription;
    // Nothing leaves once the token has expired: the socket closes (4401) and this send is dropped.
    if (this.output.realtime.closeIfExpired(connection)) return;
    const { socket } = connection;
    if (socket.readyState !== socket.OPEN) return;
    const message = `{"id":${JSON.stringify(id)},"type":"${MessageType.Next}","payload":${rendered}}`;
    socket.send(message, (error) => {
      if (!error) written();
    });
  }
}

/**
 * The graphql-ws server options: authentication in `connection_init` (refused with 4403), a budget of
 * connections and of operations per credential (4429, RATE_LIMITED), the same operation limits,
 * validation rules and error masking as HTTP, a context per operation bound to its socket, fresh
 * contexts per subscription event, and no event sent after the token has expired (the socket is
 * closed with 4401 instead).
 */
export function graphqlWsOptions(
  deps: WsServerDependencies,
): ServerOptions<Record<string, unknown>, WsExtra> {
  const { schema, realtime, services } = deps;
  const rules = validationRulesFor({ production: deps.production, limits: deps.limits });
  const parsing = parseOptions(deps.limits);
  const formatError = createErrorFormatter(services.logger, { production: deps.production });
  const format = (errors: readonly GraphQLError[]): GraphQLFormattedError[] =>
    errors.map((error) => formatError(error.toJSON(), error));

  const formatted = ({ errors, ...rest }: ExecutionResult): FormattedExecutionResult =>
    errors ? { ...rest, errors: format(errors) } : rest;

  const output: SinkOutput = { realtime, formatted };
  const socketSink: LiveSinkFactory = (args, operation, execute) => {
    const subscription = socketOperationOf(args.contextValue as object);
    return subscription ? new SocketSink(operation, subscription, execute, output) : null;
  };

  const documents = new DocumentCache(200);
  const parseAndValidate = (query: string): Parsed => {
    let document: DocumentNode;
    try {
      document = parse(query, parsing);
    } catch (error) {
      return [
        error instanceof GraphQLError
          ? withCode(error, 'GRAPHQL_PARSE_FAILED')
          : new GraphQLError('the operation could not be parsed', {
              extensions: { code: 'GRAPHQL_PARSE_FAILED' },
            }),
      ];
    }
    const errors = validate(schema, document, rules);
    return errors.length > 0 ? errors.map((error) => withCode(error, 'GRAPHQL_VALIDATION_FAILED')) : document;
  };

  return {
    schema,
    onConnect: async (ctx) => {
      const raw = ctx.connectionParams?.authorization ?? ctx.connectionParams?.Authorization;
      const header = typeof raw === 'string' ? raw : undefined;
      let viewer: Viewer | null;
      try {
        viewer = await deps.authenticate(header, deps.clientIp(ctx.extra.request));
      } catch (error) {
        if (error instanceof GraphQLError) {
          ctx.extra.socket.close(CloseCode.Forbidden, closeReason(error.message));
          return false;
        }
        throw error;
      }
      try {
        await services.rateLimits.socket(viewer, deps.clientIp(ctx.extra.request));
      } catch (error) {
        if (!(error instanceof DomainError)) throw error;
        ctx.extra.socket.close(CloseCode.TooManyInitialisationRequests, closeReason(error.message));
        return false;
      }
      let expiresAt: number | null = null;
      if (viewer?.apiKey) {
        expiresAt = viewer.apiKey.expiresAt.getTime();
      } else if (viewer) {
        const exp = decodeJwt(bearerToken(header)!).exp;
        expiresAt = typeof exp === 'number' ? exp * 1000 : null;
      }
      const apiKeyId = viewer?.apiKey?.id ?? null;
      const connection: SocketConnection = { socket: ctx.extra.socket, expiresAt, apiKeyId };
      ctx.extra.viewer = viewer;
      ctx.extra.connection = connection;
      realtime.connections.add(connection);
      // Revoked while this socket was being authenticated: the revocation found no socket to close.
      if (apiKeyId && services.apiKeys.wasRevoked(apiKeyId)) {
        realtime.closeApiKey(apiKeyId);
        return false;
      }
      return true;
    },
    onClose: (ctx) => {
      if (ctx.extra.connection) realtime.connections.delete(ctx.extra.connection);
    },
    onSubscribe: async (ctx, _id, payload) => {
      try {
        await services.rateLimits.operation(ctx.extra.viewer ?? null, deps.clientIp(ctx.extra.request));
      } catch (error) {
        if (!(error instanceof DomainError)) throw error;
        return [toGraphQLError(error)];
      }
      // Only ordinary operations are kept (the cache is for the screens' few, identical operations).
      const query = String(payload.query);
      const parsed =
        query.length <= 10_000
          ? documents.get(query, () => parseAndValidate(query))
          : parseAndValidate(query);
      if (Array.isArray(parsed)) return parsed as readonly GraphQLError[];
      const document = parsed as DocumentNode;
      const tooCostly = costRefusal(schema, document, payload.operationName, payload.variables, deps.limits);
      if (tooCostly) return [tooCostly];
      return {
        schema,
        document,
        operationName: payload.operationName,
        variableValues: payload.variables,
      };
    },
    context: (ctx, id, _payload, args): GraphQLContext => {
      const viewer = ctx.extra.viewer ?? null;
      const ip = deps.clientIp(ctx.extra.request);
      const make = () => createContext(realtime.rootEm, viewer, services, randomUUID(), ip);
      const subscription = getOperationAST(args.document, args.operationName)?.operation === 'subscription';
      const context = subscription ? lazyContext(make, viewer, services, ip) : make();
      if (ctx.extra.connection) attachConnection(context, { connection: ctx.extra.connection, id });
      return context;
    },
    execute: executeAudited,
    subscribe: (args) => subscribeWithFreshContexts(args, socketSink),
    onNext: (ctx, _id, _payload, _args, result): FormattedExecutionResult | void => {
      // Nothing leaves once the token has expired: the socket closes (4401) and this send is dropped.
      if (ctx.extra.connection && realtime.closeIfExpired(ctx.extra.connection)) return;
      if (result.errors) return formatted(result);
    },
    onError: (_ctx, _id, _payload, errors) => format(errors),
  };
}
