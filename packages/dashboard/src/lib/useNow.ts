import { useEffect, useState } from 'react';

/**
 * The current time, re-read every `intervalMs`: drives live countdowns without a timer per row, and
 * keeps "is this slot still ahead" true on a screen that is left open all day, without refetching.
 */
export function useNow(intervalMs = 1000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), intervalMs);
    return () => clearInterval(timer);
  }, [intervalMs]);
  return now;
}
