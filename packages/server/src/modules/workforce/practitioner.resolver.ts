import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { GraphQLContext } from '../../graphql/context.js';
import { NodeResolver } from '../../graphql/node-resolver.js';
import { Department } from '../alliance/department.entity.js';
import { Institution } from '../alliance/institution.entity.js';
import { DutyShift } from './duty-shift.type.js';
import { Practitioner } from './practitioner.entity.js';

@Resolver(() => Practitioner)
export class PractitionerResolver extends NodeResolver('Practitioner', Practitioner) {
  @FieldResolver(() => Department, { nullable: true })
  async department(
    @Root() practitioner: Practitioner,
    @Ctx() ctx: GraphQLContext,
  ): Promise<Department | null> {
    return practitioner.department ? ctx.loaders.department.load(practitioner.department.id) : null;
  }

  @FieldResolver(() => Institution)
  async institution(@Root() practitioner: Practitioner, @Ctx() ctx: GraphQLContext): Promise<Institution> {
    return (await ctx.loaders.institution.load(practitioner.institution.id))!;
  }

  @FieldResolver(() => Boolean, { description: 'Whether a shift of the duty roster covers this moment.' })
  async onDutyNow(@Root() practitioner: Practitioner, @Ctx() ctx: GraphQLContext): Promise<boolean> {
    return ctx.loaders.onDutyNow.load(practitioner.id);
  }

  @FieldResolver(() => DutyShift, {
    nullable: true,
    description: 'The shift of the duty roster covering this moment, if any.',
  })
  async currentShift(
    @Root() practitioner: Practitioner,
    @Ctx() ctx: GraphQLContext,
  ): Promise<DutyShift | null> {
    return ctx.loaders.currentShift.load(practitioner.id);
  }
}
