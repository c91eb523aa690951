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

@InputType('PatientInput')
export class PatientInput {
  @Field(() => String)
  name!: string;

  @Field(() => String, {
    description: '18-digit resident ID (GB 11643 check digit); stored hashed and encrypted, never returned.',
  })
  residentId!: string;

  @Field(() => String, { description: '"M" or "F"; must agree with the resident ID.' })
  sex!: string;

  @Field(() => String, { description: 'YYYY-MM-DD; must agree with the resident ID.' })
  birthDate!: string;

  @Field(() => String, { nullable: true, description: 'Mainland mobile number.' })
  phone?: string | null;
}

@InputType('CreateReferralInput')
export class CreateReferralInput {
  @Field(() => ReferralDirection)
  direction!: ReferralDirection;

  @Field(() => ReferralUrgency)
  urgency!: ReferralUrgency;

  @Field(() => PatientInput)
  patient!: PatientInput;

  @Field(() => ID)
  toInstitutionId!: string;

  @Field(() => ID, { nullable: true })
  toDepartmentId?: string | null;

  @Field(() => String, { description: 'ICD-10 code, e.g. I21.9.' })
  diagnosisCode!: string;

  @Field(() => String)
  reason!: string;

  @Field(() => String, { nullable: true, description: 'History, records and findings for the receiver.' })
  clinicalSummary?: string | null;

  @Field(() => ID, {
    nullable: true,
    description: 'Book an open reserved slot of the receiving department at once.',
  })
  slotId?: string | null;
}

@InputType('DownReferralInput', {
  description: 'Where a completed referral’s patient goes to recover (康复期下转).',
})
export class DownReferralInput {
  @Field(() => ID, {
    nullable: true,
    description:
      'A primary or rehabilitation member; by default the centre of the patient’s family-doctor contract.',
  })
  toInstitutionId?: string | null;

  @Field(() => ID, {
    nullable: true,
    description: 'By default the receiver’s general practice (全科医疗科).',
  })
  toDepartmentId?: string | null;

  @Field(() => String, { nullable: true })
  reason?: string | null;

  @Field(() => ReferralUrgency, { nullable: true, description: 'ROUTINE by default.' })
  urgency?: ReferralUrgency | null;
}
