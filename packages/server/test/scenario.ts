import { randomBytes, randomUUID } from 'node:crypto';
import type pg from 'pg';
import type { Scope } from '../src/domain/access-policy.js';
import type { Role } from '../src/domain/enums.js';
import { toGlobalId, type NodeTypeName } from '../src/graphql/global-id.js';

/**
 * Objects for security tests, written straight into a test database so that each case starts from
 * exactly the state it needs (a referral in a given status between given parties, an open slot, an
 * available bed...), whatever the demo seed holds. Ids are database keys; `gid` makes global IDs.
 */

export const gid = (type: NodeTypeName, id: string) => toGlobalId(type, id);

/** Where something is: an institution and one of its departments. */
export interface Place {
  readonly allianceId: string;
  readonly institutionId: string;
  readonly departmentId: string;
  readonly tier: 'TERTIARY' | 'SECONDARY' | 'PRIMARY';
}

/** A demo user's scope, as the token carries it. */
export async function scopeOf(db: pg.Client, username: string): Promise<Scope> {
  const { rows } = await db.query(
    'SELECT role, alliance_id, institution_id, department_id, practitioner_id FROM user_account WHERE username = $1',
    [username],
  );
  const a = rows[0];
  if (!a) throw new Error(`no user ${username}`);
  return {
    role: a.role as Role,
    allianceId: a.alliance_id,
    institutionId: a.institution_id,
    departmentId: a.department_id,
    practitionerId: a.practitioner_id,
  };
}

/** A department by its code (any, without one) of a user's institution or of a general hospital of a tier. */
export async function placeOf(
  db: pg.Client,
  where: { username?: string; tier?: string; code?: string },
): Promise<Place> {
  const { rows } = await db.query(
    `SELECT i.alliance_id, i.id AS institution_id, d.id AS department_id, i.tier
     FROM institution i JOIN department d ON d.institution_id = i.id
     WHERE ($1::text IS NULL OR d.code = $1)
       AND ($2::text IS NULL OR i.id = (SELECT institution_id FROM user_account WHERE username = $2))
       AND ($3::text IS NULL OR (i.tier = $3 AND i.kind = 'GENERAL_HOSPITAL'))
     ORDER BY i.code, d.code LIMIT 1`,
    [where.code ?? null, where.username ?? null, where.tier ?? null],
  );
  const p = rows[0];
  if (!p) throw new Error(`no place ${JSON.stringify(where)}`);
  return {
    allianceId: p.alliance_id,
    institutionId: p.institution_id,
    departmentId: p.department_id,
    tier: p.tier,
  };
}

/** A login of the given role and scope, with the demo password (copied from an existing account). */
export async function addUser(
  db: pg.Client,
  username: string,
  role: Role,
  place: { allianceId: string; institutionId?: string | null; departmentId?: string | null },
): Promise<void> {
  await db.query(
    `INSERT INTO user_account (id, username, display_name, password_hash, role, alliance_id, institution_id, department_id)
     SELECT $1, $2, $2, password_hash, $3, $4, $5, $6 FROM user_account WHERE username = 'coordinator'`,
    [randomUUID(), username, role, place.allianceId, place.institutionId ?? null, place.departmentId ?? null],
  );
}

/**
 * A second alliance with one hospital and one department: the outside world for isolation tests.
 * Its users are `<prefix>.coordinator`, `.admin`, `.specialist`, `.gp` and `.his`.
 */
export async function addOtherAlliance(db: pg.Client, prefix: string): Promise<Place> {
  const allianceId = randomUUID();
  const institutionId = randomUUID();
  const departmentId = randomUUID();
  await db.query(
    `INSERT INTO alliance (id, code, name, kind, integration) VALUES ($1, $2, '邻市医疗集团', 'URBAN_MEDICAL_GROUP', 'TIGHT')`,
    [allianceId, `${prefix}-${allianceId.slice(0, 6)}`],
  );
  await db.query(
    `INSERT INTO institution (id, alliance_id, code, name, kind, tier, role)
     VALUES ($1, $2, 'OTHER-CORE', '邻市人民医院', 'GENERAL_HOSPITAL', 'TERTIARY', 'CORE')`,
    [institutionId, allianceId],
  );
  await db.query(
    `INSERT INTO department (id, institution_id, code, name) VALUES ($1, $2, '03.04', '心血管内科')`,
    [departmentId, institutionId],
  );
  const place: Place = { allianceId, institutionId, departmentId, tier: 'TERTIARY' };
  await addUser(db, `${prefix}.coordinator`, 'COORDINATOR' as Role, { allianceId });
  await addUser(db, `${prefix}.admin`, 'ADMIN' as Role, { allianceId });
  await addUser(db, `${prefix}.specialist`, 'SPECIALIST' as Role, place);
  await addUser(db, `${prefix}.gp`, 'REFERRING_DOCTOR' as Role, { allianceId, institutionId });
  await addUser(db, `${prefix}.his`, 'PARTNER_APP' as Role, { allianceId, institutionId });
  return place;
}

/** A patient with a random (not checksum-valid: never used as input) resident-ID hash. */
export async function addPatient(
  db: pg.Client,
  name = '测试患者',
  homeInstitutionId: string | null = null,
): Promise<string> {
  const id = randomUUID();
  await db.query(
    `INSERT INTO patient (id, resident_id_hash, resident_id_encrypted, name, sex, birth_date, home_institution_id)
     VALUES ($1, $2, 'not-a-real-ciphertext', $3, 'F', '1960-05-01', $4)`,
    [id, randomBytes(16).toString('hex'), name, homeInstitutionId],
  );
  return id;
}

export interface ReferralSpec {
  from: Place;
  to: Place;
  status?: string;
  urgency?: 'ROUTINE' | 'URGENT' | 'EMERGENCY';
  patientId?: string;
  fromPractitionerId?: string | null;
  parentReferralId?: string | null;
  clinicalSummary?: string;
}

/** A referral between two places in the given status (SCHEDULED ones remember ACCEPTED before). */
export async function addReferral(db: pg.Client, spec: ReferralSpec): Promise<string> {
  const id = randomUUID();
  const status = spec.status ?? 'SUBMITTED';
  await db.query(
    `INSERT INTO referral (id, code, alliance_id, direction, urgency, status, patient_id, from_institution_id,
       from_practitioner_id, to_institution_id, to_department_id, diagnosis_code, reason, clinical_summary, created_at,
       due_by, status_changed_at, status_before_scheduled, parent_referral_id)
     VALUES ($1, $2, $3, $13, $14, $4, $5, $6, $7, $8, $9, 'I20.0', '胸痛待查', $10, now(),
       now() + interval '2 days', now(), $11, $12)`,
    [
      id,
      `T-${id.slice(0, 12)}`,
      spec.to.allianceId,
      status,
      spec.patientId ?? (await addPatient(db)),
      spec.from.institutionId,
      spec.fromPractitionerId ?? null,
      spec.to.institutionId,
      spec.to.departmentId,
      spec.clinicalSummary ?? '病史摘要',
      status === 'SCHEDULED' ? 'ACCEPTED' : null,
      spec.parentReferralId ?? null,
      directionOf(spec.from, spec.to),
      spec.urgency ?? 'ROUTINE',
    ],
  );
  return id;
}

const TIER_RANK = { PRIMARY: 0, SECONDARY: 1, TERTIARY: 2 } as const;

/** The direction a referral between two places has by their tiers. */
export function directionOf(from: Place, to: Place): 'UPWARD' | 'DOWNWARD' | 'LATERAL' {
  const [a, b] = [TIER_RANK[from.tier], TIER_RANK[to.tier]];
  return b > a ? 'UPWARD' : b < a ? 'DOWNWARD' : 'LATERAL';
}

/** A reserved slot in a place's department, open or (with a referral) booked. */
export async function addSlot(
  db: pg.Client,
  place: Place,
  referralId: string | null = null,
): Promise<string> {
  const id = randomUUID();
  await db.query(
    `INSERT INTO slot (id, institution_id, department_id, resource_code, kind, pool, status, starts_at, ends_at,
       referral_id, release_at)
     VALUES ($1, $2, $3, $4, 'SPECIALIST_CONSULT', 'ALLIANCE_RESERVED', $5, now() + interval '3 days',
       now() + interval '3 days 15 minutes', $6, now() + interval '2 days')`,
    [
      id,
      place.institutionId,
      place.departmentId,
      `T-${id.slice(0, 8)}`,
      referralId ? 'BOOKED' : 'OPEN',
      referralId,
    ],
  );
  return id;
}

/** An available bed in a place's department (in a ward made for it when the department has none). */
export async function addBed(db: pg.Client, place: Place, held: { referralId: string } | null = null) {
  let { rows } = await db.query('SELECT id FROM ward WHERE department_id = $1 LIMIT 1', [place.departmentId]);
  if (rows.length === 0) {
    ({ rows } = await db.query(
      `INSERT INTO ward (id, department_id, code, name) VALUES ($1, $2, 'T', '测试病区') RETURNING id`,
      [randomUUID(), place.departmentId],
    ));
  }
  const id = randomUUID();
  await db.query(
    `INSERT INTO bed (id, institution_id, department_id, ward_id, code, kind, status, referral_id, hold_expires_at)
     VALUES ($1, $2, $3, $4, $5, 'GENERAL', $6, $7, $8)`,
    [
      id,
      place.institutionId,
      place.departmentId,
      rows[0].id,
      `T-${id.slice(0, 8)}`,
      held ? 'HELD' : 'AVAILABLE',
      held?.referralId ?? null,
      held ? new Date(Date.now() + 3600_000) : null,
    ],
  );
  return id;
}

/** Makes sure a department has a slot pool rule (so `slotPoolRules` has something to show or hide). */
export async function ensureSlotPool(db: pg.Client, place: Place): Promise<void> {
  await db.query(
    `INSERT INTO slot_pool_rule (id, department_id, kind, first_slot_time, slot_minutes, slots_per_day, reserved_per_day, resources)
     VALUES ($1, $2, 'SPECIALIST_CONSULT', '08:00', 15, 8, 2, '{T-1}') ON CONFLICT (department_id, kind) DO NOTHING`,
    [randomUUID(), place.departmentId],
  );
}
