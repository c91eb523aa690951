import { randomUUID } from 'node:crypto';
import { Entity, OptionalProps, Enum, ManyToOne, PrimaryKey, Property, type Ref } from '@mikro-orm/core';
import { Field, ObjectType } from 'type-graphql';
import { InstitutionKind, InstitutionTier, MemberRole } from '../../domain/enums.js';
import { Node } from '../../graphql/node.js';
import { Alliance } from './alliance.entity.js';

/** A member of the alliance: the core hospital, a partner hospital, a community or township centre. */
@Entity({ tableName: 'institution' })
@ObjectType('Institution', { implements: Node, description: 'A member institution of an alliance.' })
export class Institution {
  [OptionalProps]?: 'shortName' | 'createdAt';

  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @ManyToOne({ entity: () => Alliance, ref: true })
  alliance!: Ref<Alliance>;

  /** The member that manages this one in a tight alliance (e.g. a county hospital over township centres). */
  @ManyToOne({ entity: () => Institution, ref: true, nullable: true })
  parent?: Ref<Institution>;

  @Field(() => String)
  @Property({ type: 'text' })
  code!: string;

  @Field(() => String)
  @Property({ type: 'text' })
  name!: string;

  @Field(() => String)
  @Property({ type: 'text' })
  shortName = '';

  @Field(() => InstitutionKind)
  @Enum({ items: () => InstitutionKind, columnType: 'text' })
  kind!: InstitutionKind;

  @Field(() => InstitutionTier)
  @Enum({ items: () => InstitutionTier, columnType: 'text' })
  tier!: InstitutionTier;

  @Field(() => MemberRole)
  @Enum({ items: () => MemberRole, columnType: 'text' })
  role!: MemberRole;

  @Field(() => String, {
    nullable: true,
    description: 'Public phone of the two-way referral office (双向转诊办公室).',
  })
  @Property({ type: 'text', nullable: true })
  referralOfficePhone?: string;

  @Field(() => String, { nullable: true, description: 'Named person of the referral office.' })
  @Property({ type: 'text', nullable: true })
  referralOfficeContact?: string;

  @Field(() => String, { nullable: true })
  @Property({ type: 'text', nullable: true })
  address?: string;

  @Property({ type: 'timestamptz' })
  createdAt: Date = new Date();
}
