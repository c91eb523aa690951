import DataLoader from 'dataloader';
import type { EntityClass, FilterQuery } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Scope } from '../domain/access-policy.js';
import type { Clock } from '../domain/time.js';
import { Alliance } from '../modules/alliance/alliance.entity.js';
import { Department } from '../modules/alliance/department.entity.js';
import { Institution } from '../modules/alliance/institution.entity.js';
import { Bed } from '../modules/capacity/bed.entity.js';
import {
  BedAvailabilityReadModel,
  type BedAvailabilityRow,
} from '../modules/capacity/bed-availability.read-model.js';
import { Slot } from '../modules/capacity/slot.entity.js';
import { Patient } from '../modules/patient/patient.entity.js';
import type { Referral } from '../modules/referral/referral.entity.js';
import { timelines, type ReferralTimelineEntry } from '../modules/referral/referral-timeline.js';
import { ReferralReadModel } from '../modules/referral/referral.read-model.js';
import { Practitioner } from '../modules/workforce/practitioner.entity.js';
import { OnDutyReadModel } from '../modules/workforce/on-duty.read-model.js';
import type { RowView } from '../db/row-view.js';

/** One batched `id IN (...)` lookup per entity type per tick. */
function byId<T extends { id: string }>(
  em: EntityManager,
  entity: EntityClass<T>,
): DataLoader<string, T | null> {
  return new DataLoader(async (ids) => {
    // The generic id filter cannot be typed against every entity's FilterQuery at once.
    const rows = await em.find(entity, { id: { $in: [...ids] } } as unknown as FilterQuery<T>);
    const found = new Map(rows.map((row) => [row.id, row]));
    return ids.map((id) => found.get(id) ?? null);
  });
}

/** One batched `key IN (...)` lookup, grouped by key. */
function grouped<K, T>(load: (keys: readonly K[]) => Promise<T[]>, keyOf: (row: T) => K): DataLoader<K, T[]> {
  return new DataLoader(async (keys) => {
    const groups = new Map<K, T[]>(keys.map((key) => [key, []]));
    for (const row of await load(keys)) groups.get(keyOf(row))?.push(row);
    return keys.map((key) => groups.get(key) ?? []);
  });
}

/** One unique row per key (or null). */
function single<K, T>(
  load: (keys: readonly K[]) => Promise<T[]>,
  keyOf: (row: T) => K | undefined,
): DataLoader<K, T | null> {
  return new DataLoader(async (keys) => {
    const found = new Map<K, T>();
    for (const row of await load(keys)) {
      const key = keyOf(row);
      if (key !== undefined) found.set(key, row);
    }
    return keys.map((key) => found.get(key) ?? null);
  });
}

/**
 * Per-request DataLoaders: every field that follows a relation goes through one of these, so a list of
 * 100 members with their departments and availability costs a constant number of SQL statements.
 */
export function createLoaders(em: EntityManager, scope: Scope | null, clock: Clock) {
  const availability = new BedAvailabilityReadModel(em);
  const referrals = new ReferralReadModel(em, scope);
  const onDuty = new OnDutyReadModel(em, clock);
  return {
    alliance: byId(em, Alliance),
    institution: byId(em, Institution),
    department: byId(em, Department),
    practitioner: byId(em, Practitioner),
    patient: byId(em, Patient),
    bed: byId(em, Bed),
    slot: byId(em, Slot),
    /** Only referrals the viewer may read; others load as null. */
    // A claim primes the referral it has just scheduled as a row view.
    referral: new DataLoader<string, RowView<Referral> | null>(async (ids) => {
      const found = new Map((await referrals.byIds(ids)).map((r) => [r.id, r]));
      return ids.map((id) => found.get(id) ?? null);
    }),
    departmentsByInstitution: grouped(
      (ids: readonly string[]) =>
        em.find(Department, { institution: { $in: [...ids] } }, { orderBy: { code: 'asc' } }),
      (d) => d.institution.id,
    ),
    availabilityByInstitution: grouped(
      (ids: readonly string[]) => availability.forInstitutions(ids),
      (row: BedAvailabilityRow) => row.institutionId,
    ),
    availabilityByDepartment: grouped(
      (ids: readonly string[]) => availability.forDepartments(ids),
      (row: BedAvailabilityRow) => row.departmentId,
    ),
    onDutyByDepartment: grouped(
      (ids: readonly string[]) => onDuty.practitionersOnDuty(ids),
      (row) => row.departmentId,
    ),
    onDutyNow: new DataLoader<string, boolean>(async (ids) => {
      const onDutyIds = await onDuty.whichAreOnDuty(ids);
      return ids.map((id) => onDutyIds.has(id));
    }),
    currentShift: single(
      (ids: readonly string[]) => onDuty.currentShifts(ids),
      (shift) => shift.practitionerId,
    ),
    slotByReferral: single(
      (ids: readonly string[]) => em.find(Slot, { referral: { $in: [...ids] } }),
      (slot) => slot.referral?.id,
    ),
    bedByReferral: single(
      (ids: readonly string[]) => em.find(Bed, { referral: { $in: [...ids] } }),
      (bed) => bed.referral?.id,
    ),
    /** Histories of referrals the caller already may read. */
    timeline: grouped(
      (ids: readonly string[]) => timelines(em, ids),
      (entry: ReferralTimelineEntry) => entry.referralId,
    ),
    /** Referrals that continue each referral (its down-referrals), as far as the viewer may read them. */
    followUps: grouped(
      (ids: readonly string[]) => referrals.byParentIds(ids),
      (referral: Referral) => referral.parentReferral!.id,
    ),
    /** The institutions that send, receive or register each patient: who may see the patient's name. */
    institutionsInvolvedWithPatient: new DataLoader<string, ReadonlySet<string>>(async (ids) => {
      const involved = await referrals.institutionsInvolvedWithPatients(ids);
      return ids.map((id) => involved.get(id) ?? new Set<string>());
    }),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;
