import type { CombinedError } from 'urql';

/**
 * What a claim came to, for the page to say: won (the slot it went into), lost to someone else (who,
 * and when), or refused for another reason (the server's message: not on duty, the referral was
 * answered meanwhile...).
 */
export type ClaimOutcome =
  | { kind: 'won'; referralCode: string; slotStart: string }
  | { kind: 'lost'; referralCode: string; by: string; at: string | null }
  | { kind: 'failed'; referralCode: string; message: string | null };

interface ClaimAnswer {
  data?: { claimSlot: { start: string } } | null;
  error?: CombinedError | undefined;
}

/**
 * Reads the mutation's answer. A CONFLICT naming `claimedBy` means another claim won the slot (or the
 * referral) first: the server says who, as the contract promises.
 */
export function claimOutcome(answer: ClaimAnswer, referralCode: string): ClaimOutcome {
  if (answer.data?.claimSlot) return { kind: 'won', referralCode, slotStart: answer.data.claimSlot.start };
  const errors = answer.error?.graphQLErrors ?? [];
  for (const error of errors) {
    const extensions = error.extensions ?? {};
    if (extensions.code === 'CONFLICT' && typeof extensions.claimedBy === 'string') {
      const at = extensions.claimedAt;
      return { kind: 'lost', referralCode, by: extensions.claimedBy, at: typeof at === 'string' ? at : null };
    }
  }
  const message = errors.map((e) => e.message).find((m) => m.trim() !== '') ?? null;
  return { kind: 'failed', referralCode, message };
}
