import { useT } from '../../i18n';
import { MemberCard } from './MemberCard';
import type { AllianceSummary } from './types';

/** One alliance: who it is, its core hospital, and a card per member. */
export function AllianceSection({ alliance }: { alliance: AllianceSummary }) {
  const t = useT();
  const { edges, totalCount } = alliance.members;
  const headingId = `alliance-${alliance.code}`;

  return (
    <section className="alliance" aria-labelledby={headingId} data-testid={`alliance-${alliance.code}`}>
      <header className="alliance__header">
        <h2 id={headingId} className="alliance__name">
          {alliance.name}
        </h2>
        <p className="alliance__meta">
          <span className="badge">{t(`AllianceKind.${alliance.kind}`)}</span>
          <span className="badge">{t(`Integration.${alliance.integration}`)}</span>
          <span>{t('alliance.core', { name: alliance.core.name })}</span>
          <span>{t('alliance.memberCount', { count: totalCount })}</span>
          {edges.length < totalCount && (
            <span className="muted">{t('alliance.partial', { shown: edges.length, total: totalCount })}</span>
          )}
        </p>
        <p className="alliance__legend muted">{t('beds.legend')}</p>
      </header>

      <div className="member-grid">
        {edges.map(({ node }) => (
          <MemberCard key={node.id} member={node} />
        ))}
      </div>
    </section>
  );
}
