import { Arg, Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { BedKind, BedStatus } from '../../domain/enums.js';
import type { GraphQLContext } from '../../graphql/context.js';
import { NodeResolver } from '../../graphql/node-resolver.js';
import { Bed } from '../capacity/bed.entity.js';
import { BedAvailability } from '../capacity/bed-availability.type.js';
import { Practitioner } from '../workforce/practitioner.entity.js';
import { Department } from './department.entity.js';
import { Institution } from './institution.entity.js';

@Resolver(() => Department)
export class DepartmentResolver extends NodeResolver('Department', Department) {
  @FieldResolver(() => Institution)
  async institution(@Root() department: Department, @Ctx() ctx: GraphQLContext): Promise<Institution> {
    return (await ctx.loaders.institution.load(department.institution.id))!;
  }

  @FieldResolver(() => [BedAvailability])
  async bedAvailability(
    @Root() department: Department,
    @Ctx() ctx: GraphQLContext,
  ): Promise<BedAvailability[]> {
    return ctx.loaders.availabilityByDepartment.load(department.id);
  }

  @FieldResolver(() => [Bed], { description: 'Beds of the department, optionally of one status and kind.' })
  async beds(
    @Root() department: Department,
    @Arg('status', () => BedStatus, { nullable: true }) status: BedStatus | null,
    @Arg('kind', () => BedKind, { nullable: true }) kind: BedKind | null,
    @Ctx() ctx: GraphQLContext,
  ): Promise<Bed[]> {
    return ctx.em.find(
      Bed,
      { department: department.id, ...(status ? { status } : {}), ...(kind ? { kind } : {}) },
      { orderBy: { code: 'asc' } },
    );
  }

  @FieldResolver(() => [Practitioner], {
    description: 'Practitioners on duty in the department now (duty roster).',
  })
  async onDuty(@Root() department: Department, @Ctx() ctx: GraphQLContext): Promise<Practitioner[]> {
    return (await ctx.loaders.onDutyByDepartment.load(department.id)).map((row) => row.practitioner);
  }
}
