import { Ctx, Field, FieldResolver, Int, ObjectType, Resolver, Root } from 'type-graphql';
import { BedKind } from '../../domain/enums.js';
import type { GraphQLContext } from '../../graphql/context.js';
import { DateTime } from '../../graphql/scalars.js';
import { Department } from '../alliance/department.entity.js';
import { Institution } from '../alliance/institution.entity.js';
import type { BedAvailabilityRow } from './bed-availability.read-model.js';

/** Bed counts of one (institution, department, bed kind); maintained in the database, cheap to read. */
@ObjectType('BedAvailability', { description: 'One row per (institution, department, bed kind).' })
export class BedAvailability implements BedAvailabilityRow {
  institutionId!: string;
  departmentId!: string;

  @Field(() => BedKind)
  kind!: BedKind;

  @Field(() => Int)
  total!: number;

  @Field(() => Int)
  available!: number;

  @Field(() => Int)
  held!: number;

  @Field(() => Int)
  occupied!: number;

  @Field(() => Int)
  cleaning!: number;

  @Field(() => Int)
  closed!: number;

  @Field(() => DateTime)
  updatedAt!: Date;
}

@Resolver(() => BedAvailability)
export class BedAvailabilityResolver {
  @FieldResolver(() => Institution)
  async institution(@Root() row: BedAvailabilityRow, @Ctx() ctx: GraphQLContext): Promise<Institution> {
    return (await ctx.loaders.institution.load(row.institutionId))!;
  }

  @FieldResolver(() => Department)
  async department(@Root() row: BedAvailabilityRow, @Ctx() ctx: GraphQLContext): Promise<Department> {
    return (await ctx.loaders.department.load(row.departmentId))!;
  }
}
