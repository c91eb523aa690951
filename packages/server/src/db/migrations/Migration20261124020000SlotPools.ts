import { Migration } from '@mikro-orm/migrations';

/**
 * Reserved slot pools (预留号源): per department and slot kind, how a day's slots are laid out, how many
 * of them the alliance reserves for primary care, how long before the start unbooked reserved slots are
 * released to the public, and optional daily quotas per community centre.
 */
export class Migration20261124020000SlotPools extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
CREATE TABLE slot_pool_rule (
  id uuid PRIMARY KEY,
  department_id uuid NOT NULL REFERENCES department(id),
  kind text NOT NULL CHECK (kind IN ('SPECIALIST_CONSULT','IMAGING_EXAM')),
  -- Wall-clock start of the first slot in the alliance's time zone (Asia/Shanghai), e.g. 08:30.
  first_slot_time text NOT NULL CHECK (first_slot_time ~ '^([01][0-9]|2[0-3]):[0-5][0-9]$'),
  slot_minutes int NOT NULL CHECK (slot_minutes BETWEEN 5 AND 240),
  slots_per_day int NOT NULL CHECK (slots_per_day BETWEEN 1 AND 200),
  reserved_per_day int NOT NULL CHECK (reserved_per_day >= 0),
  release_minutes_before_start int NOT NULL DEFAULT 120 CHECK (release_minutes_before_start >= 0),
  horizon_days int NOT NULL DEFAULT 14 CHECK (horizon_days BETWEEN 1 AND 90),
  -- Practitioner codes (consultations) or device codes such as CT-1 (imaging), used in turn.
  resources text[] NOT NULL CHECK (cardinality(resources) > 0),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CHECK (reserved_per_day <= slots_per_day),
  UNIQUE (department_id, kind)
);

CREATE TABLE slot_quota (
  rule_id uuid NOT NULL REFERENCES slot_pool_rule(id) ON DELETE CASCADE,
  institution_id uuid NOT NULL REFERENCES institution(id),
  per_day int NOT NULL CHECK (per_day >= 0),
  PRIMARY KEY (rule_id, institution_id)
);

ALTER TABLE slot ADD COLUMN rule_id uuid REFERENCES slot_pool_rule(id);
ALTER TABLE slot ADD COLUMN booked_for_institution_id uuid REFERENCES institution(id);
CREATE INDEX slot_release_idx ON slot (release_at) WHERE status = 'OPEN' AND pool = 'ALLIANCE_RESERVED';
CREATE INDEX slot_quota_use_idx ON slot (rule_id, booked_for_institution_id, starts_at) WHERE booked_for_institution_id IS NOT NULL;
`);
  }

  override async down(): Promise<void> {
    this.addSql(`
DROP INDEX IF EXISTS slot_release_idx, slot_quota_use_idx;
ALTER TABLE slot DROP COLUMN IF EXISTS rule_id, DROP COLUMN IF EXISTS booked_for_institution_id;
DROP TABLE IF EXISTS slot_quota, slot_pool_rule;
`);
  }
}
