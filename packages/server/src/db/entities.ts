import { Alliance } from '../modules/alliance/alliance.entity.js';
import { Department } from '../modules/alliance/department.entity.js';
import { Institution } from '../modules/alliance/institution.entity.js';
import { Bed, Ward } from '../modules/capacity/bed.entity.js';
import { Slot } from '../modules/capacity/slot.entity.js';
import { UserAccount } from '../modules/identity/user-account.entity.js';
import { FamilyDoctorContract, Patient } from '../modules/patient/patient.entity.js';
import { Referral } from '../modules/referral/referral.entity.js';
import { DutyShift, Practitioner } from '../modules/workforce/practitioner.entity.js';

/** Every entity, listed explicitly so discovery works the same from sources (tests) and from dist. */
export const ENTITIES = [
  Alliance,
  Institution,
  Department,
  Ward,
  Bed,
  Slot,
  Practitioner,
  DutyShift,
  UserAccount,
  Patient,
  FamilyDoctorContract,
  Referral,
];
