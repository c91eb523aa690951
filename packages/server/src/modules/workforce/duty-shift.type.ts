import { Ctx, Field, FieldResolver, ObjectType, Resolver, Root } from 'type-graphql';
import type { GraphQLContext } from '../../graphql/context.js';
import { DateTime } from '../../graphql/scalars.js';
import { Department } from '../alliance/department.entity.js';
import type { CurrentShift } from './on-duty.read-model.js';

/** One shift of the duty roster (排班): what "my shift" means to an on-duty specialist. */
@ObjectType('DutyShift', {
  description: 'A shift of the duty roster (排班): on duty in a department from start to end.',
})
export class DutyShift implements CurrentShift {
  practitionerId!: string;
  departmentId!: string;

  @Field(() => DateTime)
  start!: Date;

  @Field(() => DateTime)
  end!: Date;
}

@Resolver(() => DutyShift)
export class DutyShiftResolver {
  @FieldResolver(() => Department)
  async department(@Root() shift: CurrentShift, @Ctx() ctx: GraphQLContext): Promise<Department> {
    return (await ctx.loaders.department.load(shift.departmentId))!;
  }
}
