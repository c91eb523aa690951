import { randomUUID } from 'node:crypto';
import { Entity, OptionalProps, ManyToOne, PrimaryKey, Property, type Ref } from '@mikro-orm/core';
import { Field, ObjectType } from 'type-graphql';
import { Node } from '../../graphql/node.js';
import { Institution } from './institution.entity.js';

/** A clinical department of a member, with its standard code (《医疗机构诊疗科目名录》). */
@Entity({ tableName: 'department' })
@ObjectType('Department', { implements: Node, description: 'A clinical department of a member institution.' })
export class Department {
  [OptionalProps]?: 'createdAt';

  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @ManyToOne({ entity: () => Institution, ref: true })
  institution!: Ref<Institution>;

  @Field(() => String, { description: 'Standard clinical department code, e.g. 03.04 for cardiology.' })
  @Property({ type: 'text' })
  code!: string;

  @Field(() => String)
  @Property({ type: 'text' })
  name!: string;

  @Property({ type: 'timestamptz' })
  createdAt: Date = new Date();
}
