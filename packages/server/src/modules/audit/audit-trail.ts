import { Kind, type GraphQLResolveInfo } from 'graphql';
import { decodeGlobalId } from '../../graphql/global-id.js';
import type { Logger } from '../../platform/logger.js';
import type { Viewer } from '../identity/viewer.js';
import {
  actorOf,
  auditBatchInsertSql,
  AuditKind,
  AuditOutcome,
  outcomeOf,
  type AuditActor,
  type AuditEntry,
} from './audit-entry.js';

/** Runs one statement outside any transaction (MikroORM's connection, `?` placeholders). */
export type RunSql = (sql: string, params: unknown[]) => Promise<unknown>;

const MAX_BATCH = 500;

/**
 * Writes the entries that are not part of a change's own transaction (refusals, which roll back;
 * reads; key authentication failures), each request waiting for its entry to be stored. Entries that
 * arrive while a write is under way go together in the next one (group commit): a burst of refused
 * claims on one slot costs a few INSERTs, not one per request, and no writer waits for another's lock.
 */
export class AuditWriter {
  private queue: { entry: AuditEntry; done: (error?: unknown) => void }[] = [];
  private writing = false;

  constructor(
    private readonly run: RunSql,
    private readonly logger: Logger,
  ) {}

  write(entry: AuditEntry): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      this.queue.push({ entry, done: (error) => (error ? reject(error) : resolve()) });
      if (!this.writing) void this.drain();
    });
  }

  private async drain(): Promise<void> {
    this.writing = true;
    try {
      while (this.queue.length > 0) {
        const batch = this.queue.splice(0, MAX_BATCH);
        const { sql, params } = auditBatchInsertSql(batch.map((item) => item.entry));
        try {
          await this.run(sql, params);
          for (const item of batch) item.done();
        } catch (error) {
          this.logger.error({ err: error, entries: batch.length }, 'audit write failed');
          for (const item of batch) item.done(error);
        }
      }
    } finally {
      this.writing = false;
    }
  }
}

type Args = Readonly<Record<string, unknown>>;

/** Which of several IDs in a mutation's arguments is its main target: the scarce resource first. */
const TARGET_RANK = [
  'Slot',
  'Bed',
  'Referral',
  'Patient',
  'Practitioner',
  'Department',
  'Institution',
  'Alliance',
];

/** The referrals, patients and main target named by a mutation's arguments (global IDs, one level into `input`). */
function targetsOf(args: Args): { referralIds: Set<string>; patientIds: Set<string>; target: Target | null } {
  const referralIds = new Set<string>();
  const patientIds = new Set<string>();
  let target: Target | null = null;
  const visit = (value: unknown) => {
    if (typeof value !== 'string') return;
    const decoded = decodeGlobalId(value);
    if (!decoded) return;
    if (decoded.type === 'Referral') referralIds.add(decoded.id);
    else if (decoded.type === 'Patient') patientIds.add(decoded.id);
    if (!target || TARGET_RANK.indexOf(decoded.type) < TARGET_RANK.indexOf(target.type))
      target = { type: decoded.type, id: decoded.id };
  };
  for (const value of Object.values(args)) {
    if (value && typeof value === 'object' && !Array.isArray(value)) Object.values(value).forEach(visit);
    else visit(value);
  }
  return { referralIds, patientIds, target };
}

interface Target {
  readonly type: string;
  readonly id: string;
}

interface MutationUnderWay {
  readonly action: string;
  readonly referralIds: Set<string>;
  readonly patientIds: Set<string>;
  target: Target | null;
  /** Its OK entry went into its transaction (or a statement of the caller's): nothing more to write. */
  written: boolean;
}

/** Reads of patient-identifying data of one root field, written as one entry when the operation ends. */
interface ReadsOfField {
  readonly patientIds: Set<string>;
  readonly referralIds: Set<string>;
}

/**
 * The audit trail of one GraphQL operation (one per context). The root-field guard opens a mutation
 * with {@link beginMutation}; `writeTransaction` writes its OK entry inside the change's transaction
 * ({@link takeMutationEntry}); refusals and successes without a transaction are written by the guard
 * afterwards. Field resolvers report identifying reads ({@link identified}); the transport writes them
 * as one entry per root field when the operation's answer is complete ({@link flushReads}), before
 * it is sent.
 */
export class AuditTrail {
  private mutation: MutationUnderWay | null = null;
  private readonly reads = new Map<string, ReadsOfField>();
  /** patient → referrals it was reached through in this operation. */
  private readonly reachedThrough = new Map<string, Set<string>>();

  constructor(
    private readonly writer: AuditWriter,
    private readonly viewer: Viewer | null,
    private readonly ip: string | null,
    private readonly requestId: string,
  ) {}

  /** A mutation root field starts (they run one after another). */
  beginMutation(action: string, args: Args): void {
    const { referralIds, patientIds, target } = targetsOf(args);
    this.mutation = { action, referralIds, patientIds, target, written: false };
  }

  /** The mutation under way works on this referral (and its patient): locked, created or changed. */
  touched(referralId: string, patientId?: string | null): void {
    if (!this.mutation) return;
    this.mutation.referralIds.add(referralId);
    if (patientId) this.mutation.patientIds.add(patientId);
  }

  /** The mutation under way acts on this object (when its arguments do not name it, e.g. a new key). */
  target(type: string, id: string): void {
    if (this.mutation) this.mutation.target = { type, id };
  }

  /**
   * The OK entry of the mutation under way, to be written in its own transaction (or statement), and
   * marks it written; null when no mutation is under way or its entry is already taken.
   */
  takeMutationEntry(): AuditEntry | null {
    const mutation = this.mutation;
    if (!mutation || mutation.written) return null;
    mutation.written = true;
    return this.mutationEntry(mutation, AuditOutcome.OK, null, {});
  }

  /**
   * The mutation succeeded: writes its entry if its transaction did not (no change was made, e.g. an
   * idempotent replay, or a login). `actor` replaces the caller (a login names the user it logged in).
   */
  async mutationSucceeded(actor?: AuditActor): Promise<void> {
    const mutation = this.mutation;
    this.mutation = null;
    if (!mutation || mutation.written) return;
    await this.writer.write(this.mutationEntry(mutation, AuditOutcome.OK, null, {}, actor));
  }

  /** The mutation was refused or failed (and rolled back): writes that, in its own statement. */
  async mutationFailed(error: unknown): Promise<void> {
    const mutation = this.mutation;
    this.mutation = null;
    if (!mutation) return;
    const { outcome, errorCode, detail } = outcomeOf(error);
    await this.writer.write(this.mutationEntry(mutation, outcome, errorCode, detail));
  }

  /** A read was refused to an authenticated caller (FORBIDDEN, NOT_FOUND): who tried to read what. */
  async readDenied(action: string, args: Args, error: unknown): Promise<void> {
    const { outcome, errorCode, detail } = outcomeOf(error);
    if (outcome !== AuditOutcome.DENIED || !this.viewer) return;
    const { referralIds, patientIds, target } = targetsOf(args);
    await this.writer.write(
      this.entry(AuditKind.READ, action, outcome, errorCode, {
        referralIds: [...referralIds],
        patientIds: [...patientIds],
        target,
        detail,
      }),
    );
  }

  /** A patient reached through a referral (whether or not the name is shown): links the two for the entry. */
  reached(referralId: string, patientId: string): void {
    let referrals = this.reachedThrough.get(patientId);
    if (!referrals) this.reachedThrough.set(patientId, (referrals = new Set()));
    referrals.add(referralId);
  }

  /** Patient-identifying data was returned under root field `rootField` (e.g. `Query.referrals`). */
  identified(rootField: string, patientId: string | null, referralId?: string): void {
    let reads = this.reads.get(rootField);
    if (!reads) this.reads.set(rootField, (reads = { patientIds: new Set(), referralIds: new Set() }));
    if (patientId) reads.patientIds.add(patientId);
    if (referralId) reads.referralIds.add(referralId);
  }

  /** Writes one READ entry per root field that returned identifying data; call when the answer is complete. */
  async flushReads(): Promise<void> {
    if (this.reads.size === 0) return;
    const entries = [...this.reads].map(([action, reads]) => {
      const referralIds = new Set(reads.referralIds);
      for (const patientId of reads.patientIds)
        for (const referralId of this.reachedThrough.get(patientId) ?? []) referralIds.add(referralId);
      return this.entry(AuditKind.READ, action, AuditOutcome.OK, null, {
        referralIds: [...referralIds],
        patientIds: [...reads.patientIds],
        target: null,
        detail: {},
      });
    });
    this.reads.clear();
    await Promise.all(entries.map((entry) => this.writer.write(entry)));
  }

  private mutationEntry(
    mutation: MutationUnderWay,
    outcome: AuditOutcome,
    errorCode: string | null,
    detail: Record<string, unknown>,
    actor?: AuditActor,
  ): AuditEntry {
    return this.entry(
      AuditKind.MUTATION,
      mutation.action,
      outcome,
      errorCode,
      {
        referralIds: [...mutation.referralIds],
        patientIds: [...mutation.patientIds],
        target: mutation.target,
        detail,
      },
      actor,
    );
  }

  private entry(
    kind: AuditKind,
    action: string,
    outcome: AuditOutcome,
    errorCode: string | null,
    what: {
      referralIds: string[];
      patientIds: string[];
      target: Target | null;
      detail: Record<string, unknown>;
    },
    actor: AuditActor = actorOf(this.viewer),
  ): AuditEntry {
    return {
      kind,
      action,
      outcome,
      errorCode,
      actor,
      ip: this.ip,
      requestId: this.requestId,
      targetType: what.target?.type ?? null,
      targetId: what.target?.id ?? null,
      referralIds: what.referralIds,
      patientIds: what.patientIds,
      detail: what.detail,
    };
  }
}

/**
 * The root field a nested field belongs to, as `Query.referrals` (by the response key, so aliases
 * are followed back to their field).
 */
export function rootFieldOf(info: GraphQLResolveInfo): string {
  let path = info.path;
  while (path.prev) path = path.prev;
  const key = String(path.key);
  const operation = info.operation;
  const type =
    operation.operation === 'query'
      ? 'Query'
      : operation.operation === 'mutation'
        ? 'Mutation'
        : 'Subscription';
  for (const selection of operation.selectionSet.selections) {
    if (selection.kind === Kind.FIELD && (selection.alias?.value ?? selection.name.value) === key)
      return `${type}.${selection.name.value}`;
  }
  return `${type}.${key}`;
}
