import { useEffect, useRef, useState } from 'react';

export interface StatusChange {
  id: string;
  code: string;
  status: string;
}

/**
 * Which referrals changed status (or appeared) since the list was first shown, newest first: what the
 * page highlights and reads out, so a doctor following a referral notices when it is taken or booked.
 */
export function useStatusChanges(
  referrals: readonly { id: string; code: string; status: string }[] | null,
): StatusChange[] {
  const seen = useRef<Map<string, string> | null>(null);
  const [changes, setChanges] = useState<StatusChange[]>([]);
  useEffect(() => {
    if (referrals === null) return;
    const previous = seen.current;
    seen.current = new Map(referrals.map((r) => [r.id, r.status]));
    if (!previous) return;
    const fresh = referrals
      .filter((r) => previous.get(r.id) !== r.status)
      .map(({ id, code, status }) => ({ id, code, status }));
    if (fresh.length > 0)
      setChanges((current) =>
        [...fresh, ...current.filter((c) => !fresh.some((f) => f.id === c.id))].slice(0, 10),
      );
  }, [referrals]);
  return changes;
}
