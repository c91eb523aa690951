import { useMemo, useRef } from 'react';

interface Facts {
  id: string;
  code: string;
  status: string;
  statusChangedAt: string;
}

/** Where "new" starts: the newest change first shown (the server's time), or now for empty lists. */
export function baselineOf(referrals: readonly Facts[], now: number): number {
  return referrals.length > 0 ? Math.max(...referrals.map((r) => Date.parse(r.statusChangedAt))) : now;
}

/** Referrals changed after the baseline, newest first. */
export function changedSince<R extends Facts>(referrals: readonly R[], since: number): R[] {
  return referrals
    .filter((r) => Date.parse(r.statusChangedAt) > since)
    .sort((a, b) => Date.parse(b.statusChangedAt) - Date.parse(a.statusChangedAt));
}

/**
 * The referrals whose status changed (or that appeared) after the page first showed its lists, newest
 * first: what the page highlights and reads out, so a doctor following a referral notices when it is
 * taken or booked. Measured against the server's own times, so neither the browser's clock nor
 * switching a list's filter makes old changes look new.
 */
export function useStatusChanges<R extends Facts>(referrals: readonly R[] | null): R[] {
  const baseline = useRef<number | null>(null);
  if (baseline.current === null && referrals !== null) baseline.current = baselineOf(referrals, Date.now());
  return useMemo(() => {
    const since = baseline.current;
    return referrals === null || since === null ? [] : changedSince(referrals, since);
  }, [referrals]);
}
