import type { EntityManager } from '@mikro-orm/postgresql';
import { BedStatus } from '../../domain/enums.js';
import type { Clock } from '../../domain/time.js';
import { appendEvents } from '../../realtime/event-log.writer.js';
import { bedChanged } from './capacity.events.js';
import { rows } from '../shared/write.js';
import { SYSTEM_ACTOR } from './slot-pools.js';

/**
 * Gives expired bed holds back: HELD beds past their expiry become AVAILABLE, with an event each.
 * Locked rows are skipped (a hold being turned into an arrival right now wins), so any number of
 * replicas may sweep at once.
 */
export async function sweepExpiredBedHolds(em: EntityManager, clock: Clock): Promise<number> {
  const now = clock();
  return em.transactional(async (tx) => {
    const freed = await rows<{
      id: string;
      institution_id: string;
      department_id: string;
      kind: string;
      referral_id: string;
      alliance_id: string;
    }>(
      tx,
      `WITH expired AS (
         SELECT id, referral_id FROM bed WHERE status = 'HELD' AND hold_expires_at <= ? ORDER BY hold_expires_at LIMIT 500
         FOR UPDATE SKIP LOCKED)
       UPDATE bed b SET status = 'AVAILABLE', referral_id = NULL, hold_expires_at = NULL, version = b.version + 1, updated_at = now()
       FROM expired e, institution i
       WHERE b.id = e.id AND i.id = b.institution_id
       RETURNING b.id, b.institution_id, b.department_id, b.kind, e.referral_id, i.alliance_id`,
      [now],
    );
    await appendEvents(
      tx,
      freed.map((bed) =>
        bedChanged(
          bed.alliance_id,
          bed,
          { status: BedStatus.AVAILABLE, previousStatus: BedStatus.HELD, referralId: null },
          SYSTEM_ACTOR,
          'hold expired',
        ),
      ),
    );
    return freed.length;
  });
}
