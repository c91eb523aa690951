import { Migration } from '@mikro-orm/migrations';

/**
 * What the workflow and real-time need beyond the first schema: who did each logged event (the
 * referral timeline reads the event log), the state a scheduled referral returns to when its slot is
 * released, and idempotency keys for createReferral.
 */
export class Migration20261124010000EventsAndWorkflow extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
ALTER TABLE event_log
  ADD COLUMN actor_user_id uuid,
  ADD COLUMN actor_username text,
  ADD COLUMN actor_role text,
  ADD COLUMN actor_institution_id uuid,
  ADD COLUMN note text;
-- Readers page in commit-safe order: (tx_id, position); see src/realtime/event-log.ts.
CREATE INDEX event_log_commit_order_idx ON event_log (tx_id, position);
CREATE INDEX event_log_aggregate_idx ON event_log (aggregate_id, position);
CREATE INDEX event_log_occurred_idx ON event_log (occurred_at);

ALTER TABLE referral ADD COLUMN status_before_scheduled text
  CHECK (status_before_scheduled IN ('SUBMITTED','ACCEPTED'));

CREATE TABLE idempotency_key (
  user_id uuid NOT NULL,
  key text NOT NULL,
  request_hash text NOT NULL,
  referral_id uuid NOT NULL REFERENCES referral(id),
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (user_id, key)
);
CREATE INDEX idempotency_key_created_idx ON idempotency_key (created_at);
`);
  }

  override async down(): Promise<void> {
    this.addSql(`
DROP TABLE IF EXISTS idempotency_key;
ALTER TABLE referral DROP COLUMN IF EXISTS status_before_scheduled;
DROP INDEX IF EXISTS event_log_commit_order_idx, event_log_aggregate_idx, event_log_occurred_idx;
ALTER TABLE event_log DROP COLUMN actor_user_id, DROP COLUMN actor_username, DROP COLUMN actor_role,
  DROP COLUMN actor_institution_id, DROP COLUMN note;
`);
  }
}
