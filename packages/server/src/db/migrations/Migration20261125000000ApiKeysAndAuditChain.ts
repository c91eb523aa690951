import { Migration } from '@mikro-orm/migrations';

/**
 * Partner API keys, and the audit log made usable: who (user or key, role, institution, alliance),
 * which referrals and patients, with what outcome; stamped by the database (its transaction id and
 * time cannot be chosen by the writer) and chained by a keyed hash in commit order (`audit_chain`,
 * append-only like the log itself). See docs/api-keys-and-audit.md.
 */
export class Migration20261125000000ApiKeysAndAuditChain extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
CREATE TABLE api_key (
  id uuid PRIMARY KEY,
  alliance_id uuid NOT NULL REFERENCES alliance(id),
  institution_id uuid NOT NULL REFERENCES institution(id),
  -- The institution's service account (role PARTNER_APP) the key acts as: what the key creates is
  -- attributed to it, and idempotency keys survive a key rotation.
  account_id uuid NOT NULL REFERENCES user_account(id),
  name text NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
  scopes text[] NOT NULL CHECK (cardinality(scopes) > 0 AND scopes <@ ARRAY['REFERRALS_READ','REFERRALS_WRITE',
    'CAPACITY_READ','BEDS_WRITE','SLOTS_BOOK','ACTIVITY_WRITE']::text[]),
  -- HMAC-SHA256 of the secret part under a key derived from YILIAN_SECRET; the key itself is never stored.
  secret_hash bytea NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  created_by_user_id uuid NOT NULL REFERENCES user_account(id),
  expires_at timestamptz NOT NULL,
  revoked_at timestamptz,
  revoked_by_user_id uuid REFERENCES user_account(id),
  last_used_at timestamptz,
  CHECK (expires_at > created_at),
  CHECK ((revoked_at IS NULL) = (revoked_by_user_id IS NULL))
);
CREATE INDEX api_key_institution_idx ON api_key (institution_id, created_at);
CREATE INDEX api_key_alliance_idx ON api_key (alliance_id, created_at);

ALTER TABLE audit_log
  ADD COLUMN tx_id xid8 NOT NULL DEFAULT pg_current_xact_id(),
  ADD COLUMN alliance_id uuid,
  ADD COLUMN api_key_id uuid,
  ADD COLUMN kind text NOT NULL DEFAULT 'MUTATION' CHECK (kind IN ('MUTATION','READ','AUTHENTICATION')),
  ADD COLUMN error_code text,
  ADD COLUMN referral_ids uuid[] NOT NULL DEFAULT '{}',
  ADD COLUMN patient_ids uuid[] NOT NULL DEFAULT '{}',
  ADD COLUMN request_id text,
  ADD CONSTRAINT audit_log_outcome_check CHECK (outcome IN ('OK','DENIED','REFUSED','FAILED'));
ALTER TABLE audit_log ALTER COLUMN kind DROP DEFAULT;
CREATE INDEX audit_log_commit_order_idx ON audit_log (tx_id, id);
CREATE INDEX audit_log_institution_idx ON audit_log (institution_id, id);
CREATE INDEX audit_log_action_idx ON audit_log (action, id);
CREATE INDEX audit_log_referrals_idx ON audit_log USING gin (referral_ids);
CREATE INDEX audit_log_patients_idx ON audit_log USING gin (patient_ids);

-- The writer cannot choose when or in which transaction an entry was written: the chain is sealed in
-- (tx_id, id) order, so a forged old tx_id would otherwise slip an entry below the sealed horizon.
CREATE FUNCTION audit_log_stamp() RETURNS trigger LANGUAGE plpgsql AS $fn$
BEGIN
  NEW.tx_id := pg_current_xact_id();
  NEW.at := now();
  RETURN NEW;
END
$fn$;
CREATE TRIGGER audit_log_stamp BEFORE INSERT ON audit_log FOR EACH ROW EXECUTE FUNCTION audit_log_stamp();

-- The hash chain: entry seq's hash = HMAC(key, previous hash, entry). Written by the sealing sweep,
-- one replica at a time, for entries of finished transactions only, in commit-safe order.
CREATE TABLE audit_chain (
  seq bigint PRIMARY KEY CHECK (seq > 0),
  entry_id bigint NOT NULL UNIQUE REFERENCES audit_log(id),
  hash text NOT NULL,
  sealed_at timestamptz NOT NULL DEFAULT now()
);
CREATE TRIGGER audit_chain_append_only BEFORE UPDATE OR DELETE OR TRUNCATE ON audit_chain
FOR EACH STATEMENT EXECUTE FUNCTION refuse_change();
`);
  }

  override async down(): Promise<void> {
    this.addSql(`
DROP TABLE IF EXISTS audit_chain, api_key;
DROP TRIGGER IF EXISTS audit_log_stamp ON audit_log;
DROP FUNCTION IF EXISTS audit_log_stamp();
DROP INDEX IF EXISTS audit_log_commit_order_idx, audit_log_institution_idx,
  audit_log_action_idx, audit_log_referrals_idx, audit_log_patients_idx;
ALTER TABLE audit_log DROP CONSTRAINT audit_log_outcome_check, DROP COLUMN tx_id, DROP COLUMN alliance_id,
  DROP COLUMN api_key_id, DROP COLUMN kind, DROP COLUMN error_code, DROP COLUMN referral_ids,
  DROP COLUMN patient_ids, DROP COLUMN request_id;
`);
  }
}
