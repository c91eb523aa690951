import type { EntityManager } from '@mikro-orm/postgresql';
import { ReferralStatus } from '../../domain/enums.js';
import type { Clock } from '../../domain/time.js';
import { appendEvent } from '../../realtime/event-log.writer.js';
import { SYSTEM_ACTOR } from '../capacity/slot-pools.js';
import { rows } from '../shared/write.js';

/**
 * Referrals nobody answered by their deadline become EXPIRED (the state machine's EXPIRE, which only
 * the system may make). Their event reaches the sender and the coordination office, who then redirect
 * the patient or send a new referral; we chose expiry over silent escalation so that a referral's
 * deadline is a promise the sender can rely on. Capacity the referral was holding is freed.
 */
export async function expireOverdueReferrals(em: EntityManager, clock: Clock): Promise<number> {
  const now = clock();
  return em.transactional(async (tx) => {
    const expired = await rows<{
      id: string;
      alliance_id: string;
      from_institution_id: string;
      to_institution_id: string;
      to_department_id: string | null;
    }>(
      tx,
      `UPDATE referral r SET status = 'EXPIRED', status_changed_at = ?, version = r.version + 1
       WHERE r.id IN (SELECT id FROM referral WHERE status = 'SUBMITTED' AND due_by <= ? ORDER BY due_by LIMIT 500 FOR UPDATE SKIP LOCKED)
       RETURNING r.id, r.alliance_id, r.from_institution_id, r.to_institution_id, r.to_department_id`,
      [now, now],
    );
    for (const r of expired) {
      await appendEvent(tx, {
        allianceId: r.alliance_id,
        type: 'referral.EXPIRED',
        aggregateType: 'Referral',
        aggregateId: r.id,
        institutionIds: [r.from_institution_id, r.to_institution_id],
        departmentIds: r.to_department_id ? [r.to_department_id] : [],
        payload: { status: ReferralStatus.EXPIRED, previousStatus: ReferralStatus.SUBMITTED },
        note: 'no answer by the deadline',
        actor: SYSTEM_ACTOR,
      });
    }
    return expired.length;
  });
}
