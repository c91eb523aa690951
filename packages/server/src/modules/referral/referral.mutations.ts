import { Arg, Ctx, ID, Mutation, Resolver } from 'type-graphql';
import type { GraphQLContext } from '../../graphql/context.js';
import { parseGlobalId } from '../../graphql/global-id.js';
import { Referral } from './referral.entity.js';
import { CreateReferralInput, DownReferralInput } from './referral.inputs.js';
import { validateReason } from './referral.rules.js';
import {
  completeReferral,
  createReferral,
  redirectReferral,
  transitionReferral,
} from './referral.service.js';

/** The referral's life as mutations; every decision is in referral.rules, every write in referral.service. */
@Resolver()
export class ReferralMutations {
  private async fresh(ctx: GraphQLContext, id: string): Promise<Referral> {
    return ctx.em.findOneOrFail(Referral, id, { refresh: true });
  }

  @Mutation(() => Referral, {
    description:
      'Sends a patient to another member. Retry safely with idempotencyKey: the same key and input answer the first ' +
      'referral; the same key with another input is CONFLICT.',
  })
  async createReferral(
    @Arg('input', () => CreateReferralInput) input: CreateReferralInput,
    @Arg('idempotencyKey', () => String, { nullable: true }) idempotencyKey: string | null,
    @Ctx() ctx: GraphQLContext,
  ): Promise<Referral> {
    return this.fresh(ctx, await createReferral(ctx, input, idempotencyKey ?? null));
  }

  @Mutation(() => Referral, {
    description: 'The receiver (or the coordination office) accepts a submitted referral.',
  })
  async acceptReferral(
    @Arg('id', () => ID) id: string,
    @Arg('note', () => String, { nullable: true }) note: string | null,
    @Ctx() ctx: GraphQLContext,
  ): Promise<Referral> {
    const referralId = parseGlobalId(id, 'Referral', 'id');
    await transitionReferral(ctx, referralId, 'ACCEPT', validateReason('note', note ?? null, false));
    return this.fresh(ctx, referralId);
  }

  @Mutation(() => Referral, {
    description: 'The receiver (or the coordination office) rejects a referral, with a reason.',
  })
  async rejectReferral(
    @Arg('id', () => ID) id: string,
    @Arg('reason', () => String) reason: string,
    @Ctx() ctx: GraphQLContext,
  ): Promise<Referral> {
    const referralId = parseGlobalId(id, 'Referral', 'id');
    await transitionReferral(ctx, referralId, 'REJECT', validateReason('reason', reason, true));
    return this.fresh(ctx, referralId);
  }

  @Mutation(() => Referral, {
    description: 'Sends a submitted referral to another member or department; it keeps its history.',
  })
  async redirectReferral(
    @Arg('id', () => ID) id: string,
    @Arg('toInstitutionId', () => ID) toInstitutionId: string,
    @Arg('toDepartmentId', () => ID, { nullable: true }) toDepartmentId: string | null,
    @Arg('reason', () => String) reason: string,
    @Ctx() ctx: GraphQLContext,
  ): Promise<Referral> {
    const referralId = parseGlobalId(id, 'Referral', 'id');
    await redirectReferral(ctx, referralId, toInstitutionId, toDepartmentId ?? null, reason);
    return this.fresh(ctx, referralId);
  }

  @Mutation(() => Referral, { description: 'The patient has arrived; a bed held for them becomes occupied.' })
  async recordArrival(
    @Arg('referralId', () => ID) referralId: string,
    @Ctx() ctx: GraphQLContext,
  ): Promise<Referral> {
    const id = parseGlobalId(referralId, 'Referral', 'referralId');
    await transitionReferral(ctx, id, 'ARRIVE', null);
    return this.fresh(ctx, id);
  }

  @Mutation(() => Referral, {
    description:
      'Treatment at the receiver is done; `outcome` is kept on the referral. With `downReferral`, the patient is sent ' +
      'back down in the same step (康复期下转): see Referral.downReferrals.',
  })
  async completeReferral(
    @Arg('referralId', () => ID) referralId: string,
    @Arg('outcome', () => String) outcome: string,
    @Arg('downReferral', () => DownReferralInput, { nullable: true })
    downReferral: DownReferralInput | null | undefined,
    @Ctx() ctx: GraphQLContext,
  ): Promise<Referral> {
    const id = parseGlobalId(referralId, 'Referral', 'referralId');
    const down = downReferral
      ? {
          toInstitutionId: downReferral.toInstitutionId
            ? parseGlobalId(downReferral.toInstitutionId, 'Institution', 'downReferral.toInstitutionId')
            : null,
          toDepartmentId: downReferral.toDepartmentId
            ? parseGlobalId(downReferral.toDepartmentId, 'Department', 'downReferral.toDepartmentId')
            : null,
          reason: downReferral.reason ?? null,
          urgency: downReferral.urgency ?? null,
        }
      : null;
    await completeReferral(ctx, id, validateReason('outcome', outcome, true, 4000)!, down);
    return this.fresh(ctx, id);
  }

  @Mutation(() => Referral, {
    description: 'The sender withdraws a referral, with a reason; its slot and held bed are freed.',
  })
  async cancelReferral(
    @Arg('id', () => ID) id: string,
    @Arg('reason', () => String) reason: string,
    @Ctx() ctx: GraphQLContext,
  ): Promise<Referral> {
    const referralId = parseGlobalId(id, 'Referral', 'id');
    await transitionReferral(ctx, referralId, 'CANCEL', validateReason('reason', reason, true));
    return this.fresh(ctx, referralId);
  }
}
