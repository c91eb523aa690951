import type { MikroORM } from '@mikro-orm/postgresql';
import type { Clock } from '../domain/time.js';
import { topUpDemoRoster } from '../db/seeders/demo-roster.js';
import { sweepExpiredBedHolds } from '../modules/capacity/bed-holds.sweep.js';
import { releaseUnbookedReservedSlots, topUpSlots } from '../modules/capacity/slot-pools.js';
import { expireOverdueReferrals } from '../modules/referral/referral.expiry.js';
import type { Logger } from './logger.js';

export interface MaintenanceOptions {
  orm: MikroORM;
  clock: Clock;
  logger: Logger;
  /** Also keep the demo alliance's duty roster topped up. */
  demo: boolean;
  sweepIntervalMs: number;
  /** Called when a sweep changed something (wakes the real-time relay). */
  onChanged: () => void;
  /** Seals new audit entries into the hash chain (one replica at a time); answers how many. */
  sealAudit: () => Promise<number>;
}

const TOP_UP_INTERVAL_MS = 3_600_000;
/** Entries are chained within seconds of being written, so a tampered entry has little time unsealed. */
const AUDIT_SEAL_INTERVAL_MS = 5_000;

/** One round of the time-driven rules: expired holds, reserved slots due for release, overdue referrals. */
export async function sweepOnce(
  orm: MikroORM,
  clock: Clock,
): Promise<{ holds: number; slots: number; referrals: number }> {
  return {
    holds: await sweepExpiredBedHolds(orm.em.fork(), clock),
    slots: await releaseUnbookedReservedSlots(orm.em.fork(), clock),
    referrals: await expireOverdueReferrals(orm.em.fork(), clock),
  };
}

/**
 * Runs the sweeps every `sweepIntervalMs` and the rolling top-ups hourly, in this process. Every
 * statement skips rows another replica has locked, so all replicas may run this at once.
 */
export function startMaintenance(options: MaintenanceOptions): { stop(): void } {
  const { orm, clock, logger } = options;
  let running = false;
  const sweep = async () => {
    if (running) return;
    running = true;
    try {
      const changed = await sweepOnce(orm, clock);
      if (changed.holds + changed.slots + changed.referrals > 0) {
        logger.info(changed, 'sweep');
        options.onChanged();
      }
    } catch (error) {
      logger.warn({ err: error }, 'sweep failed');
    } finally {
      running = false;
    }
  };
  const topUp = async () => {
    try {
      if (options.demo) await topUpDemoRoster(orm.em.fork(), clock);
      await topUpSlots(orm.em.fork(), clock);
    } catch (error) {
      logger.warn({ err: error }, 'top-up failed');
    }
  };
  let sealing = false;
  const seal = async () => {
    if (sealing) return;
    sealing = true;
    try {
      await options.sealAudit();
    } catch (error) {
      logger.warn({ err: error }, 'audit sealing failed');
    } finally {
      sealing = false;
    }
  };
  const sweeper = setInterval(() => void sweep(), options.sweepIntervalMs).unref();
  const sealer = setInterval(() => void seal(), AUDIT_SEAL_INTERVAL_MS).unref();
  const topper = setInterval(() => void topUp(), TOP_UP_INTERVAL_MS).unref();
  void sweep();
  return {
    stop() {
      clearInterval(sweeper);
      clearInterval(topper);
      clearInterval(sealer);
    },
  };
}
