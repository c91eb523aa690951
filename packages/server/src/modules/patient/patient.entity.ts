import { randomUUID } from 'node:crypto';
import { Entity, OptionalProps, Enum, ManyToOne, PrimaryKey, Property, type Ref } from '@mikro-orm/core';
import { ObjectType } from 'type-graphql';
import { Node } from '../../graphql/node.js';
import { Institution } from '../alliance/institution.entity.js';
import { Practitioner } from '../workforce/practitioner.entity.js';

/**
 * A patient. The resident ID is kept only as a keyed hash (to match) and encrypted (for lawful
 * display); the name is shown masked outside the referral's sending and receiving institutions.
 * No field is exposed directly: every GraphQL field goes through the patient resolver's rules.
 */
@Entity({ tableName: 'patient' })
@ObjectType('Patient', { implements: Node })
export class Patient {
  [OptionalProps]?: 'createdAt';

  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @Property({ type: 'text', unique: true, hidden: true })
  residentIdHash!: string;

  @Property({ type: 'text', hidden: true })
  residentIdEncrypted!: string;

  @Property({ type: 'text' })
  name!: string;

  @Property({ type: 'text' })
  sex!: 'M' | 'F';

  @Property({ type: 'date' })
  birthDate!: string;

  @Property({ type: 'text', nullable: true })
  phone?: string;

  /** The community or township centre the patient is registered with. */
  @ManyToOne({ entity: () => Institution, ref: true, nullable: true })
  homeInstitution?: Ref<Institution>;

  @Property({ type: 'timestamptz' })
  createdAt: Date = new Date();
}

export enum ContractPackage {
  BASIC = 'BASIC',
  PERSONALISED = 'PERSONALISED',
}

/** A family doctor contract (家庭医生签约) between a resident and a primary-care practitioner. */
@Entity({ tableName: 'family_doctor_contract' })
export class FamilyDoctorContract {
  [OptionalProps]?: 'keyGroups';

  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @ManyToOne({ entity: () => Patient, ref: true })
  patient!: Ref<Patient>;

  @ManyToOne({ entity: () => Institution, ref: true })
  institution!: Ref<Institution>;

  @ManyToOne({ entity: () => Practitioner, ref: true })
  practitioner!: Ref<Practitioner>;

  @Enum({ items: () => ContractPackage, columnType: 'text' })
  package!: ContractPackage;

  @Property({ type: 'text[]' })
  keyGroups: string[] = [];

  @Property({ type: 'date' })
  startsOn!: string;

  @Property({ type: 'date' })
  endsOn!: string;
}
