import type { GraphQLResolveInfo } from 'graphql';
import { Ctx, FieldResolver, Info, Int, Resolver, Root } from 'type-graphql';
import { mayIdentifyPatient } from '../../domain/access-policy.js';
import { maskPersonName } from '../../domain/identifiers/mask.js';
import { ageOn } from '../../domain/time.js';
import type { GraphQLContext } from '../../graphql/context.js';
import { viewerOf } from '../../graphql/context.js';
import { NodeResolver } from '../../graphql/node-resolver.js';
import { rootFieldOf } from '../audit/audit-trail.js';
import { Patient } from './patient.entity.js';

/** Patient fields, each through the minimum-necessary rule; the resident ID is never a field. */
@Resolver(() => Patient)
export class PatientResolver extends NodeResolver('Patient', Patient) {
  @FieldResolver(() => String, {
    description: 'Full name for the sending and receiving institutions; masked (张*明) for everyone else.',
  })
  async displayName(
    @Root() patient: Patient,
    @Ctx() ctx: GraphQLContext,
    @Info() info: GraphQLResolveInfo,
  ): Promise<string> {
    const involved = await ctx.loaders.institutionsInvolvedWithPatient.load(patient.id);
    if (!mayIdentifyPatient(viewerOf(ctx), involved)) return maskPersonName(patient.name);
    ctx.audit.identified(rootFieldOf(info), patient.id);
    return patient.name;
  }

  @FieldResolver(() => String, { description: '"M" or "F".' })
  sex(@Root() patient: Patient): string {
    return patient.sex;
  }

  @FieldResolver(() => Int, { description: 'Age in whole years today.' })
  age(@Root() patient: Patient, @Ctx() ctx: GraphQLContext): number {
    return ageOn(patient.birthDate, ctx.services.clock());
  }
}
