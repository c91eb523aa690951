import { Arg, Ctx, ID, Int, Mutation, Resolver } from 'type-graphql';
import { BedStatus } from '../../domain/enums.js';
import type { GraphQLContext } from '../../graphql/context.js';
import { parseGlobalId } from '../../graphql/global-id.js';
import { Bed } from './bed.entity.js';
import { claimSlot, holdBed, releaseSlot, setBedStatus } from './capacity.service.js';
import { Slot } from './slot.entity.js';
import type { RowView } from '../../db/row-view.js';

/** Mutations on scarce capacity: beds and reserved slots. The rules live in bed.rules and capacity.service. */
@Resolver()
export class CapacityMutations {
  @Mutation(() => Bed, {
    description:
      'Changes a bed’s status (OCCUPIED → CLEANING → AVAILABLE, CLOSED with a reason...). Pass the version you saw as ' +
      'expectedVersion: if someone changed the bed meanwhile the answer is CONFLICT and nothing is lost.',
  })
  async setBedStatus(
    @Arg('bedId', () => ID) bedId: string,
    @Arg('status', () => BedStatus) status: BedStatus,
    @Arg('expectedVersion', () => Int, { nullable: true }) expectedVersion: number | null,
    @Arg('reason', () => String, { nullable: true, description: 'Required when closing a bed.' })
    reason: string | null,
    @Ctx() ctx: GraphQLContext,
  ): Promise<Bed> {
    const id = parseGlobalId(bedId, 'Bed', 'bedId');
    await setBedStatus(ctx, id, status, expectedVersion ?? null, reason ?? null);
    return ctx.em.findOneOrFail(Bed, id, { refresh: true });
  }

  @Mutation(() => Bed, {
    description: 'Holds an available bed of the receiving member for a referral, for `minutes` (1–1440).',
  })
  async holdBed(
    @Arg('bedId', () => ID) bedId: string,
    @Arg('referralId', () => ID) referralId: string,
    @Arg('minutes', () => Int) minutes: number,
    @Ctx() ctx: GraphQLContext,
  ): Promise<Bed> {
    const id = parseGlobalId(bedId, 'Bed', 'bedId');
    await holdBed(ctx, id, parseGlobalId(referralId, 'Referral', 'referralId'), minutes);
    return ctx.em.findOneOrFail(Bed, id, { refresh: true });
  }

  @Mutation(() => Slot, {
    description:
      'An on-duty specialist of the slot’s department takes the referral into the slot. Exactly one concurrent caller ' +
      'wins; the others get CONFLICT with extensions.claimedBy naming who holds it.',
  })
  async claimSlot(
    @Arg('slotId', () => ID) slotId: string,
    @Arg('referralId', () => ID) referralId: string,
    @Ctx() ctx: GraphQLContext,
  ): Promise<RowView<Slot>> {
    return claimSlot(
      ctx,
      parseGlobalId(slotId, 'Slot', 'slotId'),
      parseGlobalId(referralId, 'Referral', 'referralId'),
    );
  }

  @Mutation(() => Slot, {
    description: 'Releases a booked slot: OPEN again, and the referral back to its previous state.',
  })
  async releaseSlot(@Arg('slotId', () => ID) slotId: string, @Ctx() ctx: GraphQLContext): Promise<Slot> {
    const id = parseGlobalId(slotId, 'Slot', 'slotId');
    await releaseSlot(ctx, id);
    return ctx.em.findOneOrFail(Slot, id, { refresh: true });
  }
}
