import { Args, ArgsType, Ctx, Field, FieldResolver, ID, Int, Query, Resolver, Root } from 'type-graphql';
import { SlotPool, SlotStatus } from '../../domain/enums.js';
import { badInput } from '../../domain/errors.js';
import type { GraphQLContext } from '../../graphql/context.js';
import { viewerOf } from '../../graphql/context.js';
import { parseGlobalId } from '../../graphql/global-id.js';
import { NodeResolver } from '../../graphql/node-resolver.js';
import {
  connectionTypes,
  decodeCursor,
  pageSize,
  toConnection,
  type Connection,
} from '../../graphql/pagination.js';
import { DateTime } from '../../graphql/scalars.js';
import { Department } from '../alliance/department.entity.js';
import { Referral } from '../referral/referral.entity.js';
import { Practitioner } from '../workforce/practitioner.entity.js';
import { Slot } from './slot.entity.js';
import type { RowView } from '../../db/row-view.js';

export const { ConnectionType: SlotConnection } = connectionTypes('Slot', Slot);

@ArgsType()
class ReservedSlotsArgs {
  @Field(() => ID, { nullable: true })
  departmentId?: string | null;

  @Field(() => ID, { nullable: true })
  institutionId?: string | null;

  @Field(() => DateTime, { nullable: true, description: 'Slots starting at or after this; now by default.' })
  from?: Date | null;

  @Field(() => DateTime, { nullable: true, description: 'Slots starting before this.' })
  to?: Date | null;

  @Field(() => SlotStatus, { nullable: true })
  status?: SlotStatus | null;

  @Field(() => Int, { nullable: true })
  first?: number | null;

  @Field(() => String, { nullable: true })
  after?: string | null;
}

@Resolver(() => Slot)
export class SlotResolver extends NodeResolver('Slot', Slot) {
  @Query(() => SlotConnection, {
    description: 'Reserved specialist and imaging slots (预留号源), by start time.',
  })
  async reservedSlots(
    @Args(() => ReservedSlotsArgs) args: ReservedSlotsArgs,
    @Ctx() ctx: GraphQLContext,
  ): Promise<Connection<Slot>> {
    const viewer = viewerOf(ctx);
    const limit = pageSize(args.first);
    const position = decodeCursor(args.after, ['string', 'string'] as const);
    const from = args.from ?? ctx.services.clock();
    if (args.to && args.to <= from) throw badInput('to', 'to must be after from');
    const knex = ctx.em.getKnex();
    const base = knex
      .from('slot as s')
      .join('institution as i', 'i.id', 's.institution_id')
      .where('i.alliance_id', viewer.allianceId)
      .where('s.starts_at', '>=', from)
      // The alliance's reserved pool, including slots it has released to the public; never the hospital's own public slots.
      .where((w) => w.where('s.pool', SlotPool.ALLIANCE_RESERVED).orWhere('s.status', SlotStatus.RELEASED));
    if (args.to) base.where('s.starts_at', '<', args.to);
    if (args.status) base.where('s.status', args.status);
    if (args.departmentId)
      base.where('s.department_id', parseGlobalId(args.departmentId, 'Department', 'departmentId'));
    if (args.institutionId)
      base.where('s.institution_id', parseGlobalId(args.institutionId, 'Institution', 'institutionId'));
    const page = base.clone().select('s.*');
    if (position) page.whereRaw('(s.starts_at, s.id) > (?::timestamptz, ?::uuid)', [...position]);
    const [rows, [count]] = await Promise.all([
      page.orderBy(['s.starts_at', 's.id']).limit(limit + 1) as Promise<Record<string, unknown>[]>,
      base.clone().count<{ count: string }[]>({ count: '*' }),
    ]);
    return toConnection(
      rows,
      limit,
      Number(count?.count ?? 0),
      (row) => ctx.em.map(Slot, row),
      (row) => [String(row.starts_at), String(row.id)],
    );
  }

  @FieldResolver(() => Department)
  async department(@Root() slot: RowView<Slot>, @Ctx() ctx: GraphQLContext): Promise<Department> {
    return (await ctx.loaders.department.load(slot.department.id))!;
  }

  @FieldResolver(() => Practitioner, { nullable: true })
  async practitioner(@Root() slot: RowView<Slot>, @Ctx() ctx: GraphQLContext): Promise<Practitioner | null> {
    return slot.practitioner ? ctx.loaders.practitioner.load(slot.practitioner.id) : null;
  }

  @FieldResolver(() => Referral, {
    nullable: true,
    description: 'The booked referral, when the viewer may read it.',
  })
  async referral(@Root() slot: RowView<Slot>, @Ctx() ctx: GraphQLContext): Promise<RowView<Referral> | null> {
    return slot.referral ? ctx.loaders.referral.load(slot.referral.id) : null;
  }

  @FieldResolver(() => Practitioner, { nullable: true, description: 'The specialist who claimed the slot.' })
  async claimedBy(@Root() slot: RowView<Slot>, @Ctx() ctx: GraphQLContext): Promise<Practitioner | null> {
    return slot.claimedBy ? ctx.loaders.practitioner.load(slot.claimedBy.id) : null;
  }
}
