import { useMemo } from 'react';
import { useI18n } from '../../i18n';
import { formatDateTime, telHref } from '../../lib/format';
import { BedTable } from './BedTable';
import { latestUpdate, summariseByKind } from './pressure';
import type { MemberSummary } from './types';

/** One member institution: identity, referral office phone, and its beds by kind. */
export function MemberCard({ member }: { member: MemberSummary }) {
  const { t, lang } = useI18n();
  const summaries = useMemo(() => summariseByKind(member.bedAvailability), [member.bedAvailability]);
  const updatedAt = useMemo(() => latestUpdate(member.bedAvailability), [member.bedAvailability]);
  const titleId = `member-title-${member.code}`;
  const isCore = member.role === 'CORE';

  return (
    <article
      className={`member-card${isCore ? ' member-card--core' : ''}`}
      data-testid={`member-${member.code}`}
      aria-labelledby={titleId}
    >
      <header className="member-card__header">
        <h3 id={titleId} className="member-card__name">
          {member.name}
        </h3>
        <span
          className={`badge ${isCore ? 'badge--core' : 'badge--partner'}`}
          data-testid={`role-${member.code}`}
        >
          {t(`MemberRole.${member.role}`)}
        </span>
      </header>

      <p className="member-card__meta">
        <span>{t(`InstitutionKind.${member.kind}`)}</span>
        <span aria-hidden="true"> · </span>
        <span>{t(`InstitutionTier.${member.tier}`)}</span>
      </p>

      <p className="member-card__phone">
        <span className="member-card__phone-label">{t('member.phone')}</span>{' '}
        {member.referralOfficePhone ? (
          <a href={telHref(member.referralOfficePhone)}>{member.referralOfficePhone}</a>
        ) : (
          <span className="muted">{t('member.phoneMissing')}</span>
        )}
      </p>

      {summaries.length > 0 ? (
        <BedTable memberCode={member.code} summaries={summaries} />
      ) : (
        <p className="muted">{t('member.noBeds')}</p>
      )}

      {updatedAt && (
        <p className="member-card__updated muted">
          <time dateTime={updatedAt}>{t('member.updatedAt', { time: formatDateTime(updatedAt, lang) })}</time>
        </p>
      )}
    </article>
  );
}
