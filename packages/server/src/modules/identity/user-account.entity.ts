import { randomUUID } from 'node:crypto';
import { Entity, OptionalProps, Enum, ManyToOne, PrimaryKey, Property, type Ref } from '@mikro-orm/core';
import { Role } from '../../domain/enums.js';
import { Alliance } from '../alliance/alliance.entity.js';
import { Department } from '../alliance/department.entity.js';
import { Institution } from '../alliance/institution.entity.js';
import { Practitioner } from '../workforce/practitioner.entity.js';

/** A person's login: role and scope (alliance, institution, department) travel in the token. */
@Entity({ tableName: 'user_account' })
export class UserAccount {
  [OptionalProps]?: 'disabled' | 'createdAt';

  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @Property({ type: 'text', unique: true })
  username!: string;

  @Property({ type: 'text' })
  displayName!: string;

  /** scrypt hash in the form `scrypt$N$r$p$salt$hash`. */
  @Property({ type: 'text', hidden: true })
  passwordHash!: string;

  @Enum({ items: () => Role, columnType: 'text' })
  role!: Role;

  @ManyToOne({ entity: () => Alliance, ref: true })
  alliance!: Ref<Alliance>;

  @ManyToOne({ entity: () => Institution, ref: true, nullable: true })
  institution?: Ref<Institution>;

  @ManyToOne({ entity: () => Department, ref: true, nullable: true })
  department?: Ref<Department>;

  @ManyToOne({ entity: () => Practitioner, ref: true, nullable: true })
  practitioner?: Ref<Practitioner>;

  @Property({ type: 'boolean' })
  disabled = false;

  @Property({ type: 'timestamptz' })
  createdAt: Date = new Date();
}
