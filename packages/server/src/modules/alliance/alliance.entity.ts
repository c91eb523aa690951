import { randomUUID } from 'node:crypto';
import { Entity, OptionalProps, Enum, PrimaryKey, Property } from '@mikro-orm/core';
import { Field, Int, ObjectType } from 'type-graphql';
import { AllianceKind, Integration } from '../../domain/enums.js';
import { Node } from '../../graphql/node.js';

/** A regional medical alliance (医联体), led by one core hospital. */
@Entity({ tableName: 'alliance' })
@ObjectType('Alliance', { implements: Node, description: 'A regional medical alliance (医联体).' })
export class Alliance {
  [OptionalProps]?:
    'region' | 'answerMinutesEmergency' | 'answerMinutesUrgent' | 'answerMinutesRoutine' | 'createdAt';

  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @Field(() => String)
  @Property({ type: 'text', unique: true })
  code!: string;

  @Field(() => String)
  @Property({ type: 'text' })
  name!: string;

  @Field(() => AllianceKind)
  @Enum({ items: () => AllianceKind, columnType: 'text' })
  kind!: AllianceKind;

  @Field(() => Integration)
  @Enum({ items: () => Integration, columnType: 'text' })
  integration!: Integration;

  @Field(() => String)
  @Property({ type: 'text' })
  region = '';

  @Field(() => String, {
    nullable: true,
    description: 'Public phone of the coordination office (医联体办公室).',
  })
  @Property({ type: 'text', nullable: true })
  coordinationOfficePhone?: string;

  /** Minutes a receiver has to answer a referral, by urgency. */
  @Field(() => Int, {
    description: 'Minutes a receiver has to answer an EMERGENCY referral (green channel).',
  })
  @Property({ type: 'integer' })
  answerMinutesEmergency = 30;

  @Field(() => Int, { description: 'Minutes to answer an URGENT referral.' })
  @Property({ type: 'integer' })
  answerMinutesUrgent = 240;

  @Field(() => Int, { description: 'Minutes to answer a ROUTINE referral.' })
  @Property({ type: 'integer' })
  answerMinutesRoutine = 2880;

  @Property({ type: 'timestamptz' })
  createdAt: Date = new Date();
}
