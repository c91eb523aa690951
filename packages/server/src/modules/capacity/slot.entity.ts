import { randomUUID } from 'node:crypto';
import { Entity, OptionalProps, Enum, ManyToOne, PrimaryKey, Property, type Ref } from '@mikro-orm/core';
import { Field, ObjectType } from 'type-graphql';
import { SlotKind, SlotPool, SlotStatus } from '../../domain/enums.js';
import { DateTime } from '../../graphql/scalars.js';
import { Node } from '../../graphql/node.js';
import { Department } from '../alliance/department.entity.js';
import { Institution } from '../alliance/institution.entity.js';
import type { UserAccount } from '../identity/user-account.entity.js';
import type { Referral } from '../referral/referral.entity.js';
import { Practitioner } from '../workforce/practitioner.entity.js';

/** A specialist consultation or imaging exam slot; reserved ones (预留号源) are for primary care. */
@Entity({ tableName: 'slot' })
@ObjectType('Slot', { implements: Node })
export class Slot {
  [OptionalProps]?: 'version';

  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @ManyToOne({ entity: () => Institution, ref: true })
  institution!: Ref<Institution>;

  @ManyToOne({ entity: () => Department, ref: true })
  department!: Ref<Department>;

  @ManyToOne({ entity: () => Practitioner, ref: true, nullable: true })
  practitioner?: Ref<Practitioner>;

  /** What the slot is of: a practitioner's code or an imaging device (CT-1). */
  @Field(() => String, { description: 'The practitioner or device the slot is of.' })
  @Property({ type: 'text' })
  resourceCode!: string;

  @Field(() => SlotKind)
  @Enum({ items: () => SlotKind, columnType: 'text' })
  kind!: SlotKind;

  @Field(() => SlotPool)
  @Enum({ items: () => SlotPool, columnType: 'text' })
  pool!: SlotPool;

  @Field(() => SlotStatus)
  @Enum({ items: () => SlotStatus, columnType: 'text' })
  status!: SlotStatus;

  @Field(() => DateTime, { name: 'start' })
  @Property({ type: 'timestamptz' })
  startsAt!: Date;

  @Field(() => DateTime, { name: 'end' })
  @Property({ type: 'timestamptz' })
  endsAt!: Date;

  @ManyToOne({ entity: () => 'Referral', ref: true, nullable: true })
  referral?: Ref<Referral>;

  @ManyToOne({ entity: () => Practitioner, ref: true, nullable: true })
  claimedBy?: Ref<Practitioner>;

  @ManyToOne({ entity: () => 'UserAccount', ref: true, nullable: true })
  claimedByUser?: Ref<UserAccount>;

  @Field(() => DateTime, { nullable: true })
  @Property({ type: 'timestamptz', nullable: true })
  claimedAt?: Date;

  @Field(() => DateTime, {
    nullable: true,
    description: 'When an unbooked reserved slot is released to the public pool.',
  })
  @Property({ type: 'timestamptz', nullable: true })
  releaseAt?: Date;

  @Property({ type: 'integer' })
  version = 1;
}
