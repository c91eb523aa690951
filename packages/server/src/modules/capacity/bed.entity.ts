import { randomUUID } from 'node:crypto';
import { Entity, OptionalProps, Enum, ManyToOne, PrimaryKey, Property, type Ref } from '@mikro-orm/core';
import { Field, Int, ObjectType } from 'type-graphql';
import { BedKind, BedStatus } from '../../domain/enums.js';
import { DateTime } from '../../graphql/scalars.js';
import { Node } from '../../graphql/node.js';
import { Department } from '../alliance/department.entity.js';
import { Institution } from '../alliance/institution.entity.js';
import type { Referral } from '../referral/referral.entity.js';

/** A ward (病区) of a department; beds belong to wards. */
@Entity({ tableName: 'ward' })
export class Ward {
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @ManyToOne({ entity: () => Department, ref: true })
  department!: Ref<Department>;

  @Property({ type: 'text' })
  code!: string;

  @Property({ type: 'text' })
  name!: string;
}

/** A bed. Its department's availability row is kept in step by a database trigger. */
@Entity({ tableName: 'bed' })
@ObjectType('Bed', { implements: Node })
export class Bed {
  [OptionalProps]?: 'version' | 'updatedAt';

  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @ManyToOne({ entity: () => Institution, ref: true })
  institution!: Ref<Institution>;

  @ManyToOne({ entity: () => Department, ref: true })
  department!: Ref<Department>;

  @ManyToOne({ entity: () => Ward, ref: true })
  ward!: Ref<Ward>;

  @Field(() => String)
  @Property({ type: 'text' })
  code!: string;

  @Field(() => BedKind)
  @Enum({ items: () => BedKind, columnType: 'text' })
  kind!: BedKind;

  @Field(() => BedStatus)
  @Enum({ items: () => BedStatus, columnType: 'text' })
  status!: BedStatus;

  /** The referral the bed is held for (HELD) or occupied by after arrival. */
  @ManyToOne({ entity: () => 'Referral', ref: true, nullable: true })
  referral?: Ref<Referral>;

  @Field(() => DateTime, { nullable: true })
  @Property({ type: 'timestamptz', nullable: true })
  holdExpiresAt?: Date;

  @Field(() => String, { nullable: true, description: 'Why the bed is closed, when it is.' })
  @Property({ type: 'text', nullable: true })
  statusReason?: string;

  @Field(() => Int, {
    description: 'Increases with every change; pass it as expectedVersion to update safely.',
  })
  @Property({ type: 'integer' })
  version = 1;

  @Field(() => DateTime)
  @Property({ type: 'timestamptz' })
  updatedAt: Date = new Date();
}
