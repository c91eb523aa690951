import type { EntityManager } from '@mikro-orm/postgresql';
import { mayReadReferral } from '../../domain/access-policy.js';
import type { ReferralDirection, ReferralStatus } from '../../domain/enums.js';
import { notFound } from '../../domain/errors.js';
import type { GraphQLContext } from '../../graphql/context.js';
import { viewerOf } from '../../graphql/context.js';
import type { Actor } from '../referral/referral.rules.js';
import type { EventActor } from '../../realtime/event-log.writer.js';
import { auditInsertSql } from '../audit/audit-entry.js';

/** The viewer as the pure rules see them. */
export function actorOf(ctx: GraphQLContext): Actor {
  const viewer = viewerOf(ctx);
  return { role: viewer.role, institutionId: viewer.institutionId, departmentId: viewer.departmentId };
}

/** The viewer as the event log records them. */
export function eventActorOf(ctx: GraphQLContext): EventActor {
  const viewer = viewerOf(ctx);
  return {
    userId: viewer.userId,
    username: viewer.username,
    role: viewer.role,
    institutionId: viewer.institutionId,
  };
}

/** Whether a database error is a unique-constraint violation (optionally of one named constraint). */
export function isUniqueViolation(error: unknown, constraint?: string): boolean {
  const e = error as { code?: string; constraint?: string; message?: string };
  if (e?.code !== '23505' && !/duplicate key value/.test(e?.message ?? '')) return false;
  return !constraint || e.constraint === constraint || (e.message ?? '').includes(constraint);
}

/**
 * Runs one write in a transaction, then wakes the real-time relay once it has committed. Domain
 * refusals thrown inside roll everything back, so a refused request changes nothing. The mutation's
 * audit entry is written in the same transaction: a change commits with its entry or not at all
 * (a refusal's entry is written by the root-field guard after the rollback).
 */
export async function writeTransaction<T>(
  ctx: GraphQLContext,
  work: (tx: EntityManager) => Promise<T>,
): Promise<T> {
  const result = await ctx.em.transactional(async (tx) => {
    const done = await work(tx);
    const entry = ctx.audit.takeMutationEntry();
    if (entry) {
      const { sql, params } = auditInsertSql([entry]);
      await tx.execute(sql, params, 'run');
    }
    return done;
  });
  committed(ctx);
  return result;
}

/** After a write committed: wake the relay, and forget what this request read before it. */
export function committed(ctx: GraphQLContext): void {
  ctx.services.events.committed();
  ctx.forgetReads();
}

/** Runs SQL on a transaction's connection and answers its rows. */
export async function rows<R>(tx: EntityManager, sql: string, params: unknown[] = []): Promise<R[]> {
  return (await tx.execute(sql, params, 'all')) as R[];
}

/** A referral row as the write paths use it. */
export interface ReferralRow {
  id: string;
  patient_id: string;
  alliance_id: string;
  status: ReferralStatus;
  direction: ReferralDirection;
  from_institution_id: string;
  to_institution_id: string;
  to_department_id: string | null;
  assigned_specialist_id: string | null;
  from_practitioner_id?: string | null;
  status_before_scheduled: ReferralStatus | null;
  version: number;
}

/**
 * Locks a referral for the rest of the transaction; NOT_FOUND when it does not exist or the viewer may
 * not read it (the two are indistinguishable on purpose). Reads through the transaction only: asking
 * the request's loaders here would need a second pooled connection while this one waits on a lock.
 */
export async function lockReadableReferral(
  tx: EntityManager,
  ctx: GraphQLContext,
  referralId: string,
): Promise<ReferralRow> {
  const [referral] = await rows<ReferralRow>(tx, 'SELECT * FROM referral WHERE id = ? FOR UPDATE', [
    referralId,
  ]);
  return readableReferral(ctx, referral);
}

/** The referral row when the viewer may read it; NOT_FOUND when it is missing or not theirs. */
export function readableReferral(ctx: GraphQLContext, referral: ReferralRow | null | undefined): ReferralRow {
  const readable =
    referral &&
    mayReadReferral(viewerOf(ctx), {
      allianceId: referral.alliance_id,
      fromInstitutionId: referral.from_institution_id,
      toInstitutionId: referral.to_institution_id,
      toDepartmentId: referral.to_department_id,
      assignedSpecialistId: referral.assigned_specialist_id,
      fromPractitionerId: referral.from_practitioner_id ?? null,
    });
  if (!readable) throw notFound('referral');
  ctx.audit.touched(referral.id, referral.patient_id);
  return referral;
}
