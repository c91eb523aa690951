import type { Role } from '../../graphql/enums';
import { LanguageSwitch, useT } from '../../i18n';
import { ConnectionIndicator } from './ConnectionIndicator';

export interface HeaderViewer {
  displayName: string;
  role: Role;
  institution: { name: string } | null;
}

interface Props {
  viewer: HeaderViewer;
  onLogout: () => void;
}

/** Top bar of every signed-in page: product, live connection, who is signed in, language, sign-out. */
export function AppHeader({ viewer, onLogout }: Props) {
  const t = useT();
  return (
    <header className="app-header">
      <div className="app-header__brand">
        <span className="app-header__title">{t('app.title')}</span>
        <span className="app-header__subtitle">{t('app.subtitle')}</span>
      </div>
      <div className="app-header__tools">
        <ConnectionIndicator />
        <p className="app-header__viewer" data-testid="viewer">
          <span className="visually-hidden">{t('header.signedInAs')}: </span>
          <strong data-testid="viewer-name">{viewer.displayName}</strong>
          <span className="badge badge--role" data-testid="viewer-role">
            {t(`Role.${viewer.role}`)}
          </span>
          {viewer.institution && <span className="app-header__institution">{viewer.institution.name}</span>}
        </p>
        <LanguageSwitch />
        <button type="button" className="button" onClick={onLogout} data-testid="logout">
          {t('header.logout')}
        </button>
      </div>
    </header>
  );
}
