import { Field, ID, InputType } from 'type-graphql';
import { ReferralDirection, ReferralStatus, ReferralUrgency } from '../../domain/enums.js';

@InputType('ReferralFilter')
export class ReferralFilter {
  @Field(() => [ReferralStatus], { nullable: true })
  status?: ReferralStatus[] | null;

  @Field(() => ReferralDirection, { nullable: true })
  direction?: ReferralDirection | null;

  @Field(() => ReferralUrgency, { nullable: true })
  urgency?: ReferralUrgency | null;

  @Field(() => ID, { nullable: true })
  toInstitutionId?: string | null;

  @Field(() => ID, { nullable: true })
  toDepartmentId?: string | null;

  @Field(() => ID, { nullable: true })
  fromInstitutionId?: string | null;
}
