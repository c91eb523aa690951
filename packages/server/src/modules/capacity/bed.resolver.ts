import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { BedStatus } from '../../domain/enums.js';
import type { GraphQLContext } from '../../graphql/context.js';
import { NodeResolver } from '../../graphql/node-resolver.js';
import { Department } from '../alliance/department.entity.js';
import { Referral } from '../referral/referral.entity.js';
import { Bed } from './bed.entity.js';
import type { RowView } from '../../db/row-view.js';

@Resolver(() => Bed)
export class BedResolver extends NodeResolver('Bed', Bed) {
  @FieldResolver(() => Department)
  async department(@Root() bed: Bed, @Ctx() ctx: GraphQLContext): Promise<Department> {
    return (await ctx.loaders.department.load(bed.department.id))!;
  }

  @FieldResolver(() => Referral, {
    nullable: true,
    description: 'The referral the bed is held for, when HELD and the viewer may read that referral.',
  })
  async heldFor(@Root() bed: Bed, @Ctx() ctx: GraphQLContext): Promise<RowView<Referral> | null> {
    return bed.status === BedStatus.HELD && bed.referral ? ctx.loaders.referral.load(bed.referral.id) : null;
  }
}
