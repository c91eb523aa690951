import type { SlotStatus } from '../../domain/enums.js';

/** Who holds a slot, as a refused claim names them. */
export interface SlotHolder {
  readonly status: SlotStatus;
  readonly holder: string | null;
  readonly claimed_at: string | null;
}

/**
 * The slot claims of this process that are writing, by slot. Many specialists tap the same slot at the
 * same moment; each claim that read it OPEN would send its write, and all but one would wait on the
 * slot's row lock, holding a pooled connection, only to match nothing. Instead, a claim that finds a
 * claim of the same slot writing here waits for that outcome: if it booked the slot, this one is
 * refused with its holder without a statement; if not, this one writes as usual. The database still
 * decides every write (other processes are not seen here), so this only saves futile writes.
 */
export class SlotClaimsInFlight {
  private readonly writing = new Map<string, Promise<SlotHolder | null>>();
  /** Claims that waited for another's write, and the writes sent (tests). */
  readonly stats = { waited: 0, writes: 0 };

  /** The holder when a claim of this slot writing in this process booked it; null when none did. */
  async bookedMeanwhile(slotId: string): Promise<SlotHolder | null> {
    const earlier = this.writing.get(slotId);
    if (!earlier) return null;
    this.stats.waited++;
    return earlier;
  }

  /** Runs the write of a claim of `slotId`; others of the slot wait on `holderOf` its result meanwhile. */
  async write<T>(
    slotId: string,
    write: () => Promise<T>,
    holderOf: (result: T) => SlotHolder | null,
  ): Promise<T> {
    this.stats.writes++;
    const attempt = write();
    const outcome = attempt.then(holderOf, () => null);
    this.writing.set(slotId, outcome);
    try {
      return await attempt;
    } finally {
      if (this.writing.get(slotId) === outcome) this.writing.delete(slotId);
    }
  }
}
