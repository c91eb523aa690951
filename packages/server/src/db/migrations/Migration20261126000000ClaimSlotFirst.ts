import { Migration } from '@mikro-orm/migrations';

/**
 * `claim_aborted(message)`: raises SQLSTATE YL409. The slot claim (capacity.service.ts `CLAIM`) books
 * the slot before it touches the referral, so a claim that finds the slot taken writes nothing (no row
 * lock, no commit to flush); should the referral have changed since the claim's read, the statement
 * calls this to undo the booking it has just made.
 */
export class Migration20261126000000ClaimSlotFirst extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
CREATE FUNCTION claim_aborted(message text) RETURNS boolean LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION USING ERRCODE = 'YL409', MESSAGE = message;
END $$;
`);
  }

  override async down(): Promise<void> {
    this.addSql('DROP FUNCTION IF EXISTS claim_aborted(text);');
  }
}
