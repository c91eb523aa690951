import { randomUUID } from 'node:crypto';
import { Entity, OptionalProps, Enum, ManyToOne, PrimaryKey, Property, type Ref } from '@mikro-orm/core';
import { Field, ObjectType } from 'type-graphql';
import { ReferralDirection, ReferralStatus, ReferralUrgency } from '../../domain/enums.js';
import { DateTime } from '../../graphql/scalars.js';
import { Node } from '../../graphql/node.js';
import { Alliance } from '../alliance/alliance.entity.js';
import { Department } from '../alliance/department.entity.js';
import { Institution } from '../alliance/institution.entity.js';
import { UserAccount } from '../identity/user-account.entity.js';
import { Patient } from '../patient/patient.entity.js';
import { Practitioner } from '../workforce/practitioner.entity.js';

/** A two-way referral (双向转诊): a patient sent from one member to another. */
@Entity({ tableName: 'referral' })
@ObjectType('Referral', { implements: Node })
export class Referral {
  [OptionalProps]?: 'version' | 'createdAt' | 'statusChangedAt';

  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @Field(() => String, { description: 'Human-readable referral number, e.g. ZZ-20261124-0001.' })
  @Property({ type: 'text', unique: true })
  code!: string;

  @ManyToOne({ entity: () => Alliance, ref: true })
  alliance!: Ref<Alliance>;

  @Field(() => ReferralDirection)
  @Enum({ items: () => ReferralDirection, columnType: 'text' })
  direction!: ReferralDirection;

  @Field(() => ReferralUrgency)
  @Enum({ items: () => ReferralUrgency, columnType: 'text' })
  urgency!: ReferralUrgency;

  @Field(() => ReferralStatus)
  @Enum({ items: () => ReferralStatus, columnType: 'text' })
  status!: ReferralStatus;

  @ManyToOne({ entity: () => Patient, ref: true })
  patient!: Ref<Patient>;

  @ManyToOne({ entity: () => Institution, ref: true })
  fromInstitution!: Ref<Institution>;

  @ManyToOne({ entity: () => Practitioner, ref: true, nullable: true })
  fromPractitioner?: Ref<Practitioner>;

  @ManyToOne({ entity: () => UserAccount, ref: true, nullable: true })
  createdByUser?: Ref<UserAccount>;

  @ManyToOne({ entity: () => Institution, ref: true })
  toInstitution!: Ref<Institution>;

  @ManyToOne({ entity: () => Department, ref: true, nullable: true })
  toDepartment?: Ref<Department>;

  @Field(() => String, { description: 'ICD-10 diagnosis code.' })
  @Property({ type: 'text' })
  diagnosisCode!: string;

  @Field(() => String)
  @Property({ type: 'text' })
  reason!: string;

  @Property({ type: 'text', nullable: true })
  clinicalSummary?: string;

  @Field(() => String, {
    nullable: true,
    description: 'Reason of a rejection or cancellation, or the outcome.',
  })
  @Property({ type: 'text', nullable: true })
  statusNote?: string;

  @ManyToOne({ entity: () => Practitioner, ref: true, nullable: true })
  assignedSpecialist?: Ref<Practitioner>;

  @Field(() => String, {
    nullable: true,
    description:
      'Set on an up-referral for a condition in the alliance’s primary-care catalogue (分级诊疗目录): allowed, but ' +
      'worth a second look (避免盲目转诊).',
  })
  @Property({ type: 'text', nullable: true })
  guidanceWarning?: string;

  /** The referral this one continues, e.g. the up-referral a down-referral follows. */
  @ManyToOne({ entity: () => Referral, ref: true, nullable: true })
  parentReferral?: Ref<Referral>;

  @Field(() => DateTime)
  @Property({ type: 'timestamptz' })
  createdAt: Date = new Date();

  @Field(() => DateTime, { description: 'When the receiver must have answered, by urgency.' })
  @Property({ type: 'timestamptz' })
  dueBy!: Date;

  @Field(() => DateTime, { nullable: true })
  @Property({ type: 'timestamptz', nullable: true })
  answeredAt?: Date;

  @Field(() => DateTime)
  @Property({ type: 'timestamptz' })
  statusChangedAt: Date = new Date();

  @Property({ type: 'integer', version: true })
  version = 1;
}
