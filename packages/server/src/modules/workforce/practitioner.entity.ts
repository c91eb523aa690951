import { randomUUID } from 'node:crypto';
import { Entity, OptionalProps, ManyToOne, PrimaryKey, Property, type Ref } from '@mikro-orm/core';
import { Field, ObjectType } from 'type-graphql';
import { Node } from '../../graphql/node.js';
import { Department } from '../alliance/department.entity.js';
import { Institution } from '../alliance/institution.entity.js';

/** A doctor of a member institution: a specialist, a family doctor (家庭医生), a GP. */
@Entity({ tableName: 'practitioner' })
@ObjectType('Practitioner', { implements: Node })
export class Practitioner {
  [OptionalProps]?: 'createdAt';

  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @ManyToOne({ entity: () => Institution, ref: true })
  institution!: Ref<Institution>;

  @ManyToOne({ entity: () => Department, ref: true, nullable: true })
  department?: Ref<Department>;

  @Field(() => String, { description: 'Staff code, unique in the alliance.' })
  @Property({ type: 'text', unique: true })
  code!: string;

  @Field(() => String)
  @Property({ type: 'text' })
  name!: string;

  @Field(() => String, { nullable: true, description: 'Professional title, e.g. 主任医师.' })
  @Property({ type: 'text', nullable: true })
  title?: string;

  @Property({ type: 'timestamptz' })
  createdAt: Date = new Date();
}

/** One shift of the duty roster (排班): a practitioner on duty in a department from `startsAt` to `endsAt`. */
@Entity({ tableName: 'duty_shift' })
export class DutyShift {
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @ManyToOne({ entity: () => Practitioner, ref: true })
  practitioner!: Ref<Practitioner>;

  @ManyToOne({ entity: () => Department, ref: true })
  department!: Ref<Department>;

  @Property({ type: 'timestamptz' })
  startsAt!: Date;

  @Property({ type: 'timestamptz' })
  endsAt!: Date;
}
