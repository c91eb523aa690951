import { Migration } from '@mikro-orm/migrations';

/**
 * Tiered-care guidance (分级诊疗目录: conditions primary care manages, so an up-referral for one carries
 * a warning) and the members' reported daily activity that the alliance's indicators are rated against.
 */
export class Migration20261124030000GuidanceAndActivity extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
CREATE TABLE primary_care_condition (
  alliance_id uuid NOT NULL REFERENCES alliance(id),
  icd10_category text NOT NULL CHECK (icd10_category ~ '^[A-Z][0-9]{2}$'),
  PRIMARY KEY (alliance_id, icd10_category)
);

ALTER TABLE referral ADD COLUMN guidance_warning text;
CREATE INDEX referral_parent_idx ON referral (parent_referral_id) WHERE parent_referral_id IS NOT NULL;
CREATE INDEX referral_created_idx ON referral (alliance_id, created_at);

-- What a member's own information system reports each day (idempotent per member and day).
CREATE TABLE daily_activity (
  institution_id uuid NOT NULL REFERENCES institution(id),
  day date NOT NULL,
  outpatient_visits int NOT NULL CHECK (outpatient_visits >= 0),
  admissions int NOT NULL CHECK (admissions >= 0),
  discharges int NOT NULL CHECK (discharges >= 0),
  -- Bed days of the patients discharged that day: their lengths of stay added up.
  discharged_bed_days int NOT NULL CHECK (discharged_bed_days >= 0),
  reported_by_user_id uuid,
  reported_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (institution_id, day)
);
`);
  }

  override async down(): Promise<void> {
    this.addSql(`
DROP TABLE IF EXISTS daily_activity, primary_care_condition;
DROP INDEX IF EXISTS referral_parent_idx, referral_created_idx;
ALTER TABLE referral DROP COLUMN IF EXISTS guidance_warning;
`);
  }
}
