import type { Ref } from 'react';
import { useT, type Lang } from '../../i18n';
import { formatDateTime } from '../../lib/format';
import type { ClaimOutcome } from './claim-outcome';

interface Props {
  outcome: ClaimOutcome | null;
  lang: Lang;
  ref: Ref<HTMLDivElement>;
}

/**
 * The verdict of the last claim. Always rendered (empty until a claim), so screen readers already
 * know the live region when the verdict arrives; focusable, since the claimed card disappears.
 */
export function ClaimResult({ outcome, lang, ref }: Props) {
  const t = useT();
  let text: string | null = null;
  if (outcome?.kind === 'won')
    text = t('specialist.won', { code: outcome.referralCode, time: formatDateTime(outcome.slotStart, lang) });
  else if (outcome?.kind === 'lost')
    text = outcome.at
      ? t('specialist.lostAt', {
          code: outcome.referralCode,
          name: outcome.by,
          time: formatDateTime(outcome.at, lang),
        })
      : t('specialist.lost', { code: outcome.referralCode, name: outcome.by });
  else if (outcome?.kind === 'failed')
    text = t('specialist.failed', {
      code: outcome.referralCode,
      message: outcome.message ?? t('error.network'),
    });
  return (
    <div
      ref={ref}
      tabIndex={-1}
      role="status"
      aria-live="polite"
      className={outcome ? `claim-result claim-result--${outcome.kind}` : 'claim-result claim-result--empty'}
      data-testid="claim-result"
      data-outcome={outcome?.kind ?? ''}
    >
      {text}
    </div>
  );
}
