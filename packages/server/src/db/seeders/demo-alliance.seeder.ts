import { randomUUID } from 'node:crypto';
import { ref } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { makeResidentId } from '../../domain/identifiers/resident-id.js';
import {
  AllianceKind,
  BedKind,
  BedStatus,
  InstitutionKind,
  InstitutionTier,
  Integration,
  MemberRole,
  ReferralDirection,
  ReferralStatus,
  ReferralUrgency,
  Role,
  SlotPool,
  SlotStatus,
} from '../../domain/enums.js';
import { addDays, shanghaiDate, type Clock } from '../../domain/time.js';
import { Alliance } from '../../modules/alliance/alliance.entity.js';
import { Department } from '../../modules/alliance/department.entity.js';
import { Institution } from '../../modules/alliance/institution.entity.js';
import { Bed, Ward } from '../../modules/capacity/bed.entity.js';
import { Slot } from '../../modules/capacity/slot.entity.js';
import { hashPassword } from '../../modules/identity/password.js';
import { UserAccount } from '../../modules/identity/user-account.entity.js';
import { ContractPackage, FamilyDoctorContract, Patient } from '../../modules/patient/patient.entity.js';
import { answerDeadline } from '../../modules/referral/referral.deadlines.js';
import { Referral } from '../../modules/referral/referral.entity.js';
import { Practitioner } from '../../modules/workforce/practitioner.entity.js';
import type { Keys } from '../../platform/keys.js';
import type { Logger } from '../../platform/logger.js';
import {
  DEMO_ALLIANCE,
  DEMO_INSTITUTIONS,
  DEMO_REFERRALS,
  DEMO_RESIDENTS,
  DEMO_USERS,
} from './demo-alliance.data.js';
import { topUpSlots } from '../../modules/capacity/slot-pools.js';
import { seedPrimaryCareConditions } from '../../modules/referral/guidance.js';
import { DEMO_HORIZON_DAYS, topUpDemoRoster } from './demo-roster.js';

/** The password of every demo account (listed in the README and printed at start). */
export const DEMO_PASSWORD = 'yilian-demo';

const deptKey = (institutionCode: string, departmentCode: string) => `${institutionCode}/${departmentCode}`;

/**
 * Seeds the demo alliance into a database that does not have it yet. Runs under the migration lock,
 * so several replicas starting at once seed it exactly once.
 */
export async function seedDemoAlliance(
  em: EntityManager,
  keys: Keys,
  clock: Clock,
  logger: Logger,
): Promise<boolean> {
  if (await em.count(Alliance, { code: DEMO_ALLIANCE.code })) return false;
  const now = clock();

  const alliance = em.create(Alliance, {
    code: DEMO_ALLIANCE.code,
    name: DEMO_ALLIANCE.name,
    kind: AllianceKind[DEMO_ALLIANCE.kind],
    integration: Integration[DEMO_ALLIANCE.integration],
    region: DEMO_ALLIANCE.region,
    coordinationOfficePhone: DEMO_ALLIANCE.coordinationOfficePhone,
  });

  const institutions = new Map<string, Institution>();
  const departments = new Map<string, Department>();
  const practitioners = new Map<string, Practitioner>();
  for (const source of DEMO_INSTITUTIONS) {
    const institution = em.create(Institution, {
      alliance,
      code: source.code,
      name: source.name,
      shortName: source.shortName,
      kind: InstitutionKind[source.kind],
      tier: InstitutionTier[source.tier],
      role: MemberRole[source.role],
      referralOfficePhone: source.referralOfficePhone,
      referralOfficeContact: source.referralOfficeContact,
      address: source.address,
    });
    institutions.set(source.code, institution);
    for (const dept of source.departments) {
      const department = em.create(Department, { institution, code: dept.code, name: dept.name });
      departments.set(deptKey(source.code, dept.code), department);
      for (const p of dept.practitioners) {
        practitioners.set(
          p.code,
          em.create(Practitioner, { institution, department, code: p.code, name: p.name, title: p.title }),
        );
      }
      let bedNumber = 0;
      for (const wardSource of dept.wards) {
        const ward = em.create(Ward, { department, code: wardSource.code, name: wardSource.name });
        for (const group of wardSource.beds) {
          const cleaning = group.cleaning ?? 0;
          const closed = group.closed ?? 0;
          for (let i = 0; i < group.count; i++) {
            bedNumber += 1;
            const status =
              i < group.occupied
                ? BedStatus.OCCUPIED
                : i < group.occupied + cleaning
                  ? BedStatus.CLEANING
                  : i < group.occupied + cleaning + closed
                    ? BedStatus.CLOSED
                    : BedStatus.AVAILABLE;
            em.create(Bed, {
              institution,
              department,
              ward,
              code: `${wardSource.code}-${String(bedNumber).padStart(2, '0')}`,
              kind: BedKind[group.kind],
              status,
              statusReason: status === BedStatus.CLOSED ? '设备检修 (maintenance)' : undefined,
            });
          }
        }
      }
    }
  }
  for (const source of DEMO_INSTITUTIONS) {
    if (source.parentCode) institutions.get(source.code)!.parent = ref(institutions.get(source.parentCode)!);
  }

  const passwordHash = await hashPassword(DEMO_PASSWORD);
  for (const user of DEMO_USERS) {
    em.create(UserAccount, {
      username: user.username,
      displayName: user.displayName,
      passwordHash,
      role: Role[user.role],
      alliance,
      institution: user.institutionCode ? institutions.get(user.institutionCode) : undefined,
      department:
        user.institutionCode && user.departmentCode
          ? departments.get(deptKey(user.institutionCode, user.departmentCode))
          : undefined,
      practitioner: user.practitionerCode ? practitioners.get(user.practitionerCode) : undefined,
    });
  }

  const patients = DEMO_RESIDENTS.map((resident) => {
    const residentId = makeResidentId(resident.regionCode, resident.birthDate, resident.sequence);
    const patient = em.create(Patient, {
      residentIdHash: keys.hashResidentId(residentId),
      residentIdEncrypted: keys.encryptResidentId(residentId),
      name: resident.name,
      sex: resident.sex,
      birthDate: resident.birthDate,
      phone: resident.phone,
      homeInstitution: institutions.get(resident.institutionCode),
    });
    if (resident.familyDoctorCode) {
      const startsOn = addDays(shanghaiDate(now), -200);
      em.create(FamilyDoctorContract, {
        patient,
        institution: institutions.get(resident.institutionCode)!,
        practitioner: practitioners.get(resident.familyDoctorCode)!,
        package:
          resident.contractPackage === 'PERSONALISED' ? ContractPackage.PERSONALISED : ContractPackage.BASIC,
        keyGroups: [...resident.keyGroups],
        startsOn,
        endsOn: addDays(startsOn, 3 * 365),
      });
    }
    return patient;
  });
  await em.flush();

  // Rosters and reserved slots first, so scheduled referrals can take real slots.
  await seedSlotPools(em, institutions, departments);
  await seedPrimaryCareConditions(em, alliance.id);
  await seedDailyActivity(em, institutions, clock);
  await topUpDemoRoster(em, clock);
  await topUpSlots(em, clock);

  for (const source of DEMO_REFERRALS) {
    const createdAt = new Date(now.getTime() - source.createdHoursAgo * 3_600_000);
    const urgency = ReferralUrgency[source.urgency];
    const status = ReferralStatus[source.status];
    const toDepartment = source.toDepartmentCode
      ? departments.get(deptKey(source.toInstitutionCode, source.toDepartmentCode))
      : undefined;
    const answered = status !== ReferralStatus.SUBMITTED && status !== ReferralStatus.EXPIRED;
    const referral = em.create(Referral, {
      code: source.code,
      alliance,
      direction: ReferralDirection[source.direction],
      urgency,
      status,
      patient: patients[source.residentIndex]!,
      fromInstitution: institutions.get(source.fromInstitutionCode)!,
      fromPractitioner: source.fromPractitionerCode
        ? practitioners.get(source.fromPractitionerCode)
        : undefined,
      toInstitution: institutions.get(source.toInstitutionCode)!,
      toDepartment,
      diagnosisCode: source.diagnosisCode,
      reason: source.reason,
      clinicalSummary: source.clinicalSummary,
      statusNote: source.statusNote,
      createdAt,
      dueBy: answerDeadline(alliance, urgency, createdAt),
      answeredAt: answered ? new Date(createdAt.getTime() + 40 * 60_000) : undefined,
      statusChangedAt: answered ? new Date(createdAt.getTime() + 40 * 60_000) : createdAt,
    });
    await em.flush();
    if (
      toDepartment &&
      [ReferralStatus.SCHEDULED, ReferralStatus.ARRIVED, ReferralStatus.COMPLETED].includes(status)
    ) {
      const specialist = await em.findOne(
        Practitioner,
        { department: toDepartment },
        { orderBy: { code: 'asc' } },
      );
      if (specialist) referral.assignedSpecialist = ref(specialist);
    }
    if (status === ReferralStatus.SCHEDULED && toDepartment) {
      // A scheduled referral sits in one of its department's reserved slots.
      const slot = await em.findOne(
        Slot,
        {
          department: toDepartment,
          pool: SlotPool.ALLIANCE_RESERVED,
          status: SlotStatus.OPEN,
          startsAt: { $gt: now },
        },
        { orderBy: { startsAt: 'desc' } },
      );
      if (slot) {
        slot.status = SlotStatus.BOOKED;
        slot.referral = ref(referral);
        slot.claimedBy = referral.assignedSpecialist;
        slot.claimedAt = referral.statusChangedAt;
      }
    }
    if ((status === ReferralStatus.ARRIVED || status === ReferralStatus.ACCEPTED) && toDepartment) {
      // An arrived patient occupies a bed; some accepted ones have a bed held for them.
      const bed = await em.findOne(Bed, { department: toDepartment, status: BedStatus.AVAILABLE });
      if (
        bed &&
        (status === ReferralStatus.ARRIVED || source.code.endsWith('1') || source.code.endsWith('3'))
      ) {
        bed.referral = ref(referral);
        if (status === ReferralStatus.ARRIVED) bed.status = BedStatus.OCCUPIED;
        else {
          bed.status = BedStatus.HELD;
          bed.holdExpiresAt = new Date(now.getTime() + 4 * 3_600_000);
        }
      }
    }
    await em.flush();
    await seedHistory(
      em,
      referral,
      source.fromPractitionerCode ? practitioners.get(source.fromPractitionerCode) : undefined,
    );
  }
  logger.info(
    { institutions: institutions.size, residents: patients.length, referrals: DEMO_REFERRALS.length },
    'seeded the demo alliance',
  );
  return true;
}

/**
 * The demo's reserved slot pools: each department with a plan offers half as many public slots again
 * as it reserves, releases unbooked reserved slots 2 h before they start, and lets each primary-care
 * member book at most 3 of a pool's reserved slots a day by itself.
 */
async function seedSlotPools(
  em: EntityManager,
  institutions: Map<string, Institution>,
  departments: Map<string, Department>,
): Promise<void> {
  const knex = em.getKnex();
  const primary = DEMO_INSTITUTIONS.filter((i) => i.tier === 'PRIMARY').map(
    (i) => institutions.get(i.code)!.id,
  );
  for (const institution of DEMO_INSTITUTIONS) {
    for (const dept of institution.departments) {
      const plan = dept.reservedSlots;
      if (!plan) continue;
      const ruleId = randomUUID();
      await knex('slot_pool_rule').insert({
        id: ruleId,
        department_id: departments.get(deptKey(institution.code, dept.code))!.id,
        kind: plan.kind,
        first_slot_time: '08:30',
        slot_minutes: plan.minutes,
        slots_per_day: plan.perDay + Math.ceil(plan.perDay / 2),
        reserved_per_day: plan.perDay,
        release_minutes_before_start: 120,
        horizon_days: DEMO_HORIZON_DAYS,
        resources: plan.kind === 'IMAGING_EXAM' ? ['CT-1', 'MRI-1'] : dept.practitioners.map((p) => p.code),
      });
      await knex('slot_quota').insert(
        primary.map((institutionId) => ({ rule_id: ruleId, institution_id: institutionId, per_day: 3 })),
      );
    }
  }
}

/** Typical daily outpatient visits and average stay by kind of member, for the demo's reported activity. */
const DEMO_ACTIVITY: Record<string, { visits: number; admissionRate: number; stay: number }> = {
  TERTIARY: { visits: 6000, admissionRate: 0.03, stay: 8.4 },
  SECONDARY: { visits: 1400, admissionRate: 0.04, stay: 8.1 },
  PRIMARY: { visits: 260, admissionRate: 0.01, stay: 5.6 },
};

/** The last 30 days of each member's activity, as their systems would have reported it. */
async function seedDailyActivity(
  em: EntityManager,
  institutions: Map<string, Institution>,
  clock: Clock,
): Promise<void> {
  const today = shanghaiDate(clock());
  const rows: Record<string, unknown>[] = [];
  for (const source of DEMO_INSTITUTIONS) {
    const profile = DEMO_ACTIVITY[source.tier]!;
    const longStay = source.kind === 'REHABILITATION_CENTRE' || source.kind === 'NURSING_HOME' ? 3 : 1;
    for (let day = 1; day <= 30; day++) {
      // A deterministic weekly rhythm, so the demo shows the same figures on every machine.
      const swing = 1 + 0.15 * Math.sin((day * 2 * Math.PI) / 7) + ((source.code.length * day) % 5) / 50;
      const visits = Math.round(profile.visits * swing);
      const admissions = Math.max(1, Math.round(visits * profile.admissionRate));
      const discharges = Math.max(1, Math.round(admissions * (0.9 + (day % 3) / 10)));
      rows.push({
        institution_id: institutions.get(source.code)!.id,
        day: addDays(today, -day),
        outpatient_visits: visits,
        admissions,
        discharges,
        discharged_bed_days: Math.round(discharges * profile.stay * longStay),
      });
    }
  }
  await em.getKnex()('daily_activity').insert(rows);
}

/**
 * The demo referrals' history as the event log would have recorded it (creation, and the answer
 * where there was one), so their timelines are not empty.
 */
async function seedHistory(
  em: EntityManager,
  referral: Referral,
  sender: Practitioner | undefined,
): Promise<void> {
  const steps: {
    at: Date;
    type: string;
    status: ReferralStatus;
    role: string;
    name: string;
    institutionId: string;
    note: string | null;
  }[] = [
    {
      at: referral.createdAt,
      type: 'CREATED',
      status: ReferralStatus.SUBMITTED,
      role: Role.REFERRING_DOCTOR,
      name: sender?.name ?? 'system',
      institutionId: referral.fromInstitution.id,
      note: null,
    },
  ];
  if (referral.status !== ReferralStatus.SUBMITTED) {
    const type = referral.status === ReferralStatus.SCHEDULED ? 'CLAIMED' : referral.status;
    const bySystem = referral.status === ReferralStatus.EXPIRED;
    const bySender = referral.status === ReferralStatus.CANCELLED;
    steps.push({
      at: referral.status === ReferralStatus.EXPIRED ? referral.dueBy : referral.statusChangedAt,
      type,
      status: referral.status,
      role: bySystem ? 'SYSTEM' : bySender ? Role.REFERRING_DOCTOR : Role.SPECIALIST,
      name: bySystem ? 'system' : bySender ? (sender?.name ?? 'system') : '接诊科室',
      institutionId: bySender ? referral.fromInstitution.id : referral.toInstitution.id,
      note: referral.statusNote ?? null,
    });
  }
  for (const step of steps) {
    await em
      .getKnex()('event_log')
      .insert({
        alliance_id: referral.alliance.id,
        type: `referral.${step.type}`,
        aggregate_type: 'Referral',
        aggregate_id: referral.id,
        institution_ids: [referral.fromInstitution.id, referral.toInstitution.id],
        department_ids: referral.toDepartment ? [referral.toDepartment.id] : [],
        payload: { status: step.status },
        note: step.note,
        actor_username: step.name,
        actor_role: step.role === 'SYSTEM' ? 'SYSTEM' : step.role,
        actor_institution_id: step.role === 'SYSTEM' ? null : step.institutionId,
        occurred_at: step.at,
      });
  }
}
