import {
  Arg,
  Args,
  ArgsType,
  Ctx,
  Field,
  FieldResolver,
  ID,
  Int,
  Mutation,
  Query,
  Resolver,
  Root,
} from 'type-graphql';
import { MemberRole } from '../../domain/enums.js';
import { badInput, notFound } from '../../domain/errors.js';
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
import { BedAvailability } from '../capacity/bed-availability.type.js';
import { BedAvailabilityReadModel } from '../capacity/bed-availability.read-model.js';
import { writeTransaction } from '../shared/write.js';
import { Alliance } from './alliance.entity.js';
import { Department } from './department.entity.js';
import { Institution } from './institution.entity.js';

export const { ConnectionType: InstitutionConnection } = connectionTypes('Institution', Institution);

@ArgsType()
export class PageArgs {
  @Field(() => Int, { nullable: true, description: 'Page size, 20 by default, at most 100.' })
  first?: number | null;

  @Field(() => String, { nullable: true, description: 'The endCursor of the previous page.' })
  after?: string | null;
}

@Resolver(() => Alliance)
export class AllianceResolver extends NodeResolver('Alliance', Alliance) {
  @Query(() => [Alliance], { description: "The viewer's alliances." })
  async alliances(@Ctx() ctx: GraphQLContext): Promise<Alliance[]> {
    return ctx.em.find(Alliance, { id: viewerOf(ctx).allianceId });
  }

  @Query(() => Alliance, { nullable: true })
  async alliance(@Arg('id', () => ID) id: string, @Ctx() ctx: GraphQLContext): Promise<Alliance | null> {
    const allianceId = parseGlobalId(id, 'Alliance', 'id');
    if (allianceId !== viewerOf(ctx).allianceId) throw notFound('alliance');
    return ctx.loaders.alliance.load(allianceId);
  }

  @Mutation(() => Alliance, {
    description:
      'Sets how long receivers have to answer referrals, by urgency (coordinator only). Applies to referrals created ' +
      'from now on; existing deadlines stand.',
  })
  async setReferralDeadlines(
    @Arg('emergencyMinutes', () => Int) emergencyMinutes: number,
    @Arg('urgentMinutes', () => Int) urgentMinutes: number,
    @Arg('routineMinutes', () => Int) routineMinutes: number,
    @Ctx() ctx: GraphQLContext,
  ): Promise<Alliance> {
    const viewer = viewerOf(ctx);
    const limits: [string, number, number, number][] = [
      ['emergencyMinutes', emergencyMinutes, 5, 24 * 60],
      ['urgentMinutes', urgentMinutes, 5, 7 * 24 * 60],
      ['routineMinutes', routineMinutes, 5, 30 * 24 * 60],
    ];
    for (const [field, value, min, max] of limits) {
      if (!Number.isInteger(value) || value < min || value > max)
        throw badInput(field, `${field} must be from ${min} to ${max}`);
    }
    if (!(emergencyMinutes <= urgentMinutes && urgentMinutes <= routineMinutes)) {
      throw badInput('urgentMinutes', 'a more urgent referral must not get more time than a less urgent one');
    }
    await writeTransaction(ctx, (tx) =>
      tx.execute(
        'UPDATE alliance SET answer_minutes_emergency = ?, answer_minutes_urgent = ?, answer_minutes_routine = ? WHERE id = ?',
        [emergencyMinutes, urgentMinutes, routineMinutes, viewer.allianceId],
      ),
    );
    return ctx.em.findOneOrFail(Alliance, viewer.allianceId, { refresh: true });
  }

  @FieldResolver(() => Institution, { description: 'The core hospital (核心医院) that leads the alliance.' })
  async core(@Root() alliance: Alliance, @Ctx() ctx: GraphQLContext): Promise<Institution> {
    const core = await ctx.em.findOne(Institution, { alliance: alliance.id, role: MemberRole.CORE });
    if (!core) throw new Error(`alliance ${alliance.id} has no core hospital`);
    return core;
  }

  @FieldResolver(() => InstitutionConnection, {
    description: 'Member institutions: the core hospital first, then by code.',
  })
  async members(
    @Root() alliance: Alliance,
    @Args(() => PageArgs) { first, after }: PageArgs,
    @Ctx() ctx: GraphQLContext,
  ): Promise<Connection<Institution>> {
    const limit = pageSize(first);
    const position = decodeCursor(after, ['string', 'string'] as const);
    // Keyset on (role, code): CORE sorts before PARTNER, so the core hospital leads the list.
    const where = {
      alliance: alliance.id,
      ...(position
        ? {
            $or: [
              { role: { $gt: position[0] as MemberRole } },
              { role: position[0] as MemberRole, code: { $gt: position[1] } },
            ],
          }
        : {}),
    };
    const [rows, totalCount] = await Promise.all([
      ctx.em.find(Institution, where, { orderBy: { role: 'asc', code: 'asc' }, limit: limit + 1 }),
      ctx.em.count(Institution, { alliance: alliance.id }),
    ]);
    for (const row of rows) ctx.loaders.institution.prime(row.id, row);
    return toConnection(
      rows,
      limit,
      totalCount,
      (row) => row,
      (row) => [row.role, row.code],
    );
  }

  @FieldResolver(() => [BedAvailability], {
    description: 'Availability of every member, department and bed kind.',
  })
  async bedAvailability(@Root() alliance: Alliance, @Ctx() ctx: GraphQLContext): Promise<BedAvailability[]> {
    return new BedAvailabilityReadModel(ctx.em).forAlliance(alliance.id);
  }
}

@Resolver(() => Institution)
export class InstitutionResolver extends NodeResolver('Institution', Institution) {
  @Query(() => Institution, { nullable: true })
  async institution(
    @Arg('id', () => ID) id: string,
    @Ctx() ctx: GraphQLContext,
  ): Promise<Institution | null> {
    const institution = await ctx.loaders.institution.load(parseGlobalId(id, 'Institution', 'id'));
    if (!institution || institution.alliance.id !== viewerOf(ctx).allianceId) throw notFound('institution');
    return institution;
  }

  @FieldResolver(() => Alliance)
  async alliance(@Root() institution: Institution, @Ctx() ctx: GraphQLContext): Promise<Alliance> {
    return (await ctx.loaders.alliance.load(institution.alliance.id))!;
  }

  @FieldResolver(() => Institution, {
    nullable: true,
    description: 'The member that manages this one, if any.',
  })
  async parent(@Root() institution: Institution, @Ctx() ctx: GraphQLContext): Promise<Institution | null> {
    return institution.parent ? ctx.loaders.institution.load(institution.parent.id) : null;
  }

  @FieldResolver(() => [Department])
  async departments(@Root() institution: Institution, @Ctx() ctx: GraphQLContext): Promise<Department[]> {
    return ctx.loaders.departmentsByInstitution.load(institution.id);
  }

  @FieldResolver(() => [BedAvailability])
  async bedAvailability(
    @Root() institution: Institution,
    @Ctx() ctx: GraphQLContext,
  ): Promise<BedAvailability[]> {
    return ctx.loaders.availabilityByInstitution.load(institution.id);
  }
}
