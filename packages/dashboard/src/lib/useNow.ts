import { useEffect, useState } from 'react';

/**
 * The current time, re-read every `intervalMs`: countdowns to deadlines and "is this slot still ahead"
 * stay true on a screen that is left open all day, without refetching anything.
 */
export function useNow(intervalMs = 30_000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), intervalMs);
    return () => clearInterval(timer);
  }, [intervalMs]);
  return now;
}
