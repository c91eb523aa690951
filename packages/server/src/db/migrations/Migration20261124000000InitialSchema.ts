import { Migration } from '@mikro-orm/migrations';

/**
 * The alliance graph: members, departments, beds (with their availability kept by trigger), people,
 * patients, reserved slots, referrals, and the append-only event and audit logs.
 * Enumerations are text with CHECK constraints so that adding a value is a one-line migration.
 */
export class Migration20261124000000InitialSchema extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
CREATE TABLE alliance (
  id uuid PRIMARY KEY,
  code text NOT NULL UNIQUE,
  name text NOT NULL,
  kind text NOT NULL CHECK (kind IN ('URBAN_MEDICAL_GROUP','COUNTY_MEDICAL_COMMUNITY','SPECIALTY_ALLIANCE','TELEMEDICINE_NETWORK')),
  integration text NOT NULL CHECK (integration IN ('TIGHT','LOOSE')),
  region text NOT NULL DEFAULT '',
  coordination_office_phone text,
  -- How long a receiver has to answer a referral, by urgency (green channel first).
  answer_minutes_emergency int NOT NULL DEFAULT 30 CHECK (answer_minutes_emergency > 0),
  answer_minutes_urgent int NOT NULL DEFAULT 240 CHECK (answer_minutes_urgent > 0),
  answer_minutes_routine int NOT NULL DEFAULT 2880 CHECK (answer_minutes_routine > 0),
  created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE institution (
  id uuid PRIMARY KEY,
  alliance_id uuid NOT NULL REFERENCES alliance(id),
  parent_id uuid REFERENCES institution(id),
  code text NOT NULL,
  name text NOT NULL,
  short_name text NOT NULL DEFAULT '',
  kind text NOT NULL CHECK (kind IN ('GENERAL_HOSPITAL','SPECIALTY_HOSPITAL','TCM_HOSPITAL','COMMUNITY_HEALTH_CENTRE','TOWNSHIP_HEALTH_CENTRE','VILLAGE_CLINIC','REHABILITATION_CENTRE','NURSING_HOME')),
  tier text NOT NULL CHECK (tier IN ('TERTIARY','SECONDARY','PRIMARY')),
  role text NOT NULL CHECK (role IN ('CORE','PARTNER')),
  referral_office_phone text,
  referral_office_contact text,
  address text,
  created_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (alliance_id, code)
);
-- An alliance has exactly one core hospital (核心医院).
CREATE UNIQUE INDEX institution_one_core_per_alliance ON institution (alliance_id) WHERE role = 'CORE';
CREATE INDEX institution_parent_idx ON institution (parent_id);

CREATE TABLE department (
  id uuid PRIMARY KEY,
  institution_id uuid NOT NULL REFERENCES institution(id),
  code text NOT NULL,
  name text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (institution_id, code)
);

CREATE TABLE ward (
  id uuid PRIMARY KEY,
  department_id uuid NOT NULL REFERENCES department(id),
  code text NOT NULL,
  name text NOT NULL,
  UNIQUE (department_id, code)
);

CREATE TABLE practitioner (
  id uuid PRIMARY KEY,
  institution_id uuid NOT NULL REFERENCES institution(id),
  department_id uuid REFERENCES department(id),
  code text NOT NULL UNIQUE,
  name text NOT NULL,
  title text,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX practitioner_department_idx ON practitioner (department_id);
CREATE INDEX practitioner_institution_idx ON practitioner (institution_id);

-- Duty roster (排班): who is on duty in which department, when.
CREATE TABLE duty_shift (
  id uuid PRIMARY KEY,
  practitioner_id uuid NOT NULL REFERENCES practitioner(id),
  department_id uuid NOT NULL REFERENCES department(id),
  starts_at timestamptz NOT NULL,
  ends_at timestamptz NOT NULL,
  CHECK (ends_at > starts_at),
  UNIQUE (practitioner_id, starts_at)
);
CREATE INDEX duty_shift_department_time_idx ON duty_shift (department_id, starts_at, ends_at);
CREATE INDEX duty_shift_practitioner_time_idx ON duty_shift (practitioner_id, starts_at, ends_at);

CREATE TABLE user_account (
  id uuid PRIMARY KEY,
  username text NOT NULL UNIQUE,
  display_name text NOT NULL,
  password_hash text NOT NULL,
  role text NOT NULL CHECK (role IN ('COORDINATOR','SPECIALIST','REFERRING_DOCTOR','PARTNER_APP','ADMIN')),
  alliance_id uuid NOT NULL REFERENCES alliance(id),
  institution_id uuid REFERENCES institution(id),
  department_id uuid REFERENCES department(id),
  practitioner_id uuid REFERENCES practitioner(id),
  disabled boolean NOT NULL DEFAULT false,
  created_at timestamptz NOT NULL DEFAULT now(),
  -- Scope follows role: a specialist belongs to a department, a referring doctor or partner to an institution.
  CHECK (role <> 'SPECIALIST' OR (department_id IS NOT NULL AND institution_id IS NOT NULL)),
  CHECK (role NOT IN ('REFERRING_DOCTOR','PARTNER_APP') OR institution_id IS NOT NULL)
);

-- The resident ID is kept only as a keyed hash (for matching) and encrypted (for lawful display).
CREATE TABLE patient (
  id uuid PRIMARY KEY,
  resident_id_hash text NOT NULL UNIQUE,
  resident_id_encrypted text NOT NULL,
  name text NOT NULL,
  sex text NOT NULL CHECK (sex IN ('M','F')),
  birth_date date NOT NULL,
  phone text,
  home_institution_id uuid REFERENCES institution(id),
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX patient_home_institution_idx ON patient (home_institution_id);

-- Family doctor contract (家庭医生签约).
CREATE TABLE family_doctor_contract (
  id uuid PRIMARY KEY,
  patient_id uuid NOT NULL REFERENCES patient(id),
  institution_id uuid NOT NULL REFERENCES institution(id),
  practitioner_id uuid NOT NULL REFERENCES practitioner(id),
  package text NOT NULL CHECK (package IN ('BASIC','PERSONALISED')),
  key_groups text[] NOT NULL DEFAULT '{}',
  starts_on date NOT NULL,
  ends_on date NOT NULL,
  CHECK (ends_on > starts_on)
);
CREATE INDEX family_doctor_contract_patient_idx ON family_doctor_contract (patient_id, ends_on);
CREATE INDEX family_doctor_contract_practitioner_idx ON family_doctor_contract (practitioner_id);

CREATE TABLE referral (
  id uuid PRIMARY KEY,
  code text NOT NULL UNIQUE,
  alliance_id uuid NOT NULL REFERENCES alliance(id),
  direction text NOT NULL CHECK (direction IN ('UPWARD','DOWNWARD','LATERAL')),
  urgency text NOT NULL CHECK (urgency IN ('ROUTINE','URGENT','EMERGENCY')),
  -- Queue order: the green channel first, then urgent, then routine.
  priority smallint GENERATED ALWAYS AS (CASE urgency WHEN 'EMERGENCY' THEN 0 WHEN 'URGENT' THEN 1 ELSE 2 END) STORED,
  status text NOT NULL CHECK (status IN ('SUBMITTED','ACCEPTED','SCHEDULED','ARRIVED','COMPLETED','REJECTED','CANCELLED','EXPIRED')),
  patient_id uuid NOT NULL REFERENCES patient(id),
  from_institution_id uuid NOT NULL REFERENCES institution(id),
  from_practitioner_id uuid REFERENCES practitioner(id),
  created_by_user_id uuid REFERENCES user_account(id),
  to_institution_id uuid NOT NULL REFERENCES institution(id),
  to_department_id uuid REFERENCES department(id),
  diagnosis_code text NOT NULL,
  reason text NOT NULL,
  clinical_summary text,
  status_note text,
  assigned_specialist_id uuid REFERENCES practitioner(id),
  parent_referral_id uuid REFERENCES referral(id),
  created_at timestamptz NOT NULL,
  due_by timestamptz NOT NULL,
  answered_at timestamptz,
  status_changed_at timestamptz NOT NULL,
  version int NOT NULL DEFAULT 1
);
-- One index per queue the API offers, each in queue order so pages are index range scans.
CREATE INDEX referral_alliance_queue_idx ON referral (alliance_id, priority, due_by, id);
CREATE INDEX referral_to_institution_queue_idx ON referral (to_institution_id, priority, due_by, id);
CREATE INDEX referral_to_department_queue_idx ON referral (to_department_id, priority, due_by, id);
CREATE INDEX referral_from_institution_queue_idx ON referral (from_institution_id, priority, due_by, id);
CREATE INDEX referral_open_due_idx ON referral (due_by) WHERE status = 'SUBMITTED';
CREATE INDEX referral_patient_idx ON referral (patient_id);

-- Reserved specialist and imaging slots (预留号源).
CREATE TABLE slot (
  id uuid PRIMARY KEY,
  institution_id uuid NOT NULL REFERENCES institution(id),
  department_id uuid NOT NULL REFERENCES department(id),
  practitioner_id uuid REFERENCES practitioner(id),
  -- What the slot is of: a practitioner's code, or an imaging device such as CT-1.
  resource_code text NOT NULL,
  kind text NOT NULL CHECK (kind IN ('SPECIALIST_CONSULT','IMAGING_EXAM')),
  pool text NOT NULL CHECK (pool IN ('ALLIANCE_RESERVED','PUBLIC')),
  status text NOT NULL CHECK (status IN ('OPEN','BOOKED','RELEASED','CANCELLED')),
  starts_at timestamptz NOT NULL,
  ends_at timestamptz NOT NULL,
  referral_id uuid REFERENCES referral(id),
  claimed_by_id uuid REFERENCES practitioner(id),
  claimed_by_user_id uuid REFERENCES user_account(id),
  claimed_at timestamptz,
  release_at timestamptz,
  version int NOT NULL DEFAULT 1,
  CHECK (ends_at > starts_at),
  CHECK ((status = 'BOOKED') = (referral_id IS NOT NULL)),
  UNIQUE (department_id, kind, resource_code, starts_at)
);
-- A referral is never in two slots, whatever the code path.
CREATE UNIQUE INDEX slot_one_per_referral ON slot (referral_id) WHERE referral_id IS NOT NULL;
CREATE INDEX slot_department_time_idx ON slot (department_id, starts_at, id);
CREATE INDEX slot_institution_time_idx ON slot (institution_id, starts_at, id);

CREATE TABLE bed (
  id uuid PRIMARY KEY,
  institution_id uuid NOT NULL REFERENCES institution(id),
  department_id uuid NOT NULL REFERENCES department(id),
  ward_id uuid NOT NULL REFERENCES ward(id),
  code text NOT NULL,
  kind text NOT NULL CHECK (kind IN ('GENERAL','ICU','REHABILITATION','ELDERLY_CARE','PALLIATIVE','PAEDIATRIC','MATERNITY','ISOLATION')),
  status text NOT NULL CHECK (status IN ('AVAILABLE','OCCUPIED','HELD','CLEANING','CLOSED')),
  -- The referral this bed is held for (HELD) or occupied by after arrival.
  referral_id uuid REFERENCES referral(id),
  hold_expires_at timestamptz,
  status_reason text,
  version int NOT NULL DEFAULT 1,
  updated_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (ward_id, code),
  CHECK ((status = 'HELD') = (hold_expires_at IS NOT NULL)),
  CHECK (status <> 'HELD' OR referral_id IS NOT NULL)
);
CREATE UNIQUE INDEX bed_one_per_referral ON bed (referral_id) WHERE referral_id IS NOT NULL;
CREATE INDEX bed_department_idx ON bed (department_id, status, kind);
CREATE INDEX bed_hold_expiry_idx ON bed (hold_expires_at) WHERE status = 'HELD';

-- Bed availability per (institution, department, bed kind), kept by trigger in the same transaction
-- as every bed change, so reading it never scans beds and no code path can leave it stale.
CREATE TABLE bed_availability (
  institution_id uuid NOT NULL REFERENCES institution(id),
  department_id uuid NOT NULL REFERENCES department(id),
  kind text NOT NULL,
  total int NOT NULL DEFAULT 0 CHECK (total >= 0),
  available int NOT NULL DEFAULT 0 CHECK (available >= 0),
  held int NOT NULL DEFAULT 0 CHECK (held >= 0),
  occupied int NOT NULL DEFAULT 0 CHECK (occupied >= 0),
  cleaning int NOT NULL DEFAULT 0 CHECK (cleaning >= 0),
  closed int NOT NULL DEFAULT 0 CHECK (closed >= 0),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (department_id, kind)
);
CREATE INDEX bed_availability_institution_idx ON bed_availability (institution_id);

CREATE FUNCTION bed_availability_apply(p_institution uuid, p_department uuid, p_kind text, p_status text, p_delta int)
RETURNS void LANGUAGE plpgsql AS $fn$
BEGIN
  -- Update first: CHECK constraints are evaluated before ON CONFLICT, so a negative delta must never
  -- be offered as a row to insert. A bed leaving a group always finds the row its arrival created.
  UPDATE bed_availability SET
    total = total + p_delta,
    available = available + CASE WHEN p_status = 'AVAILABLE' THEN p_delta ELSE 0 END,
    held = held + CASE WHEN p_status = 'HELD' THEN p_delta ELSE 0 END,
    occupied = occupied + CASE WHEN p_status = 'OCCUPIED' THEN p_delta ELSE 0 END,
    cleaning = cleaning + CASE WHEN p_status = 'CLEANING' THEN p_delta ELSE 0 END,
    closed = closed + CASE WHEN p_status = 'CLOSED' THEN p_delta ELSE 0 END,
    updated_at = now()
  WHERE department_id = p_department AND kind = p_kind;
  IF NOT FOUND THEN
    INSERT INTO bed_availability AS a (institution_id, department_id, kind, total, available, held, occupied, cleaning, closed)
    VALUES (p_institution, p_department, p_kind, p_delta,
            CASE WHEN p_status = 'AVAILABLE' THEN p_delta ELSE 0 END,
            CASE WHEN p_status = 'HELD' THEN p_delta ELSE 0 END,
            CASE WHEN p_status = 'OCCUPIED' THEN p_delta ELSE 0 END,
            CASE WHEN p_status = 'CLEANING' THEN p_delta ELSE 0 END,
            CASE WHEN p_status = 'CLOSED' THEN p_delta ELSE 0 END)
    ON CONFLICT (department_id, kind) DO UPDATE SET
      total = a.total + EXCLUDED.total,
      available = a.available + EXCLUDED.available,
      held = a.held + EXCLUDED.held,
      occupied = a.occupied + EXCLUDED.occupied,
      cleaning = a.cleaning + EXCLUDED.cleaning,
      closed = a.closed + EXCLUDED.closed,
      updated_at = now();
  END IF;
END
$fn$;

CREATE FUNCTION bed_availability_track() RETURNS trigger LANGUAGE plpgsql AS $fn$
BEGIN
  IF TG_OP IN ('UPDATE', 'DELETE') THEN
    PERFORM bed_availability_apply(OLD.institution_id, OLD.department_id, OLD.kind, OLD.status, -1);
  END IF;
  IF TG_OP IN ('UPDATE', 'INSERT') THEN
    PERFORM bed_availability_apply(NEW.institution_id, NEW.department_id, NEW.kind, NEW.status, 1);
  END IF;
  RETURN NULL;
END
$fn$;

CREATE TRIGGER bed_availability_track
AFTER INSERT OR DELETE OR UPDATE OF status, kind, department_id, institution_id ON bed
FOR EACH ROW EXECUTE FUNCTION bed_availability_track();

-- Append-only event log (outbox), written in the same transaction as each change; read in commit order
-- by the real-time relay.
CREATE TABLE event_log (
  position bigserial PRIMARY KEY,
  tx_id xid8 NOT NULL DEFAULT pg_current_xact_id(),
  alliance_id uuid NOT NULL,
  type text NOT NULL,
  aggregate_type text NOT NULL,
  aggregate_id uuid NOT NULL,
  institution_ids uuid[] NOT NULL DEFAULT '{}',
  department_ids uuid[] NOT NULL DEFAULT '{}',
  payload jsonb NOT NULL DEFAULT '{}',
  occurred_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX event_log_tx_idx ON event_log (tx_id);

-- Audit log: who did or read what, when, from where. Append-only by trigger.
CREATE TABLE audit_log (
  id bigserial PRIMARY KEY,
  at timestamptz NOT NULL DEFAULT now(),
  user_id uuid,
  username text,
  role text,
  institution_id uuid,
  action text NOT NULL,
  target_type text,
  target_id uuid,
  outcome text NOT NULL,
  ip text,
  detail jsonb NOT NULL DEFAULT '{}'
);
CREATE INDEX audit_log_at_idx ON audit_log (at);
CREATE INDEX audit_log_user_idx ON audit_log (user_id, at);

CREATE FUNCTION refuse_change() RETURNS trigger LANGUAGE plpgsql AS $fn$
BEGIN
  RAISE EXCEPTION '% is append-only', TG_TABLE_NAME USING ERRCODE = 'insufficient_privilege';
END
$fn$;
CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE OR TRUNCATE ON audit_log
FOR EACH STATEMENT EXECUTE FUNCTION refuse_change();
`);
  }

  override async down(): Promise<void> {
    this.addSql(`
DROP TABLE IF EXISTS audit_log, event_log, bed_availability, bed, slot, referral, family_doctor_contract,
  patient, user_account, duty_shift, practitioner, ward, department, institution, alliance CASCADE;
DROP FUNCTION IF EXISTS bed_availability_track(), bed_availability_apply(uuid, uuid, text, text, int), refuse_change();
`);
  }
}
