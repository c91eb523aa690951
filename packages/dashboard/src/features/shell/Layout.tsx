import { useEffect, useRef, type ReactNode } from 'react';
import { useLocation } from 'wouter';
import { useSignedIn } from '../../app/viewer';
import { useT } from '../../i18n';
import { session } from '../auth/session';
import { AppHeader } from './AppHeader';
import { Navigation } from './Navigation';

/**
 * The frame of every signed-in page: a skip link, the header, the role's navigation and the page.
 * One column on a phone; the page area grows to the full width of a 1920×1080 wall screen.
 */
export function Layout({ children }: { children: ReactNode }) {
  const t = useT();
  const { viewer } = useSignedIn();
  const [location, navigate] = useLocation();
  const main = useRef<HTMLElement>(null);
  const section = location.split('/')[1] ?? '';
  const previous = useRef(section);

  // After moving to another page, keyboard and screen-reader users continue there, not at the old
  // link. Within a page (e.g. opening a referral's timeline) the page manages focus itself.
  useEffect(() => {
    if (previous.current === section) return;
    previous.current = section;
    main.current?.focus({ preventScroll: true });
  }, [section]);

  const logout = () => {
    session.signOut();
    // The next person starts at their own start page, not at the last one's.
    navigate('/', { replace: true });
  };

  return (
    <div className="app">
      <a className="skip-link" href="#main">
        {t('nav.skip')}
      </a>
      <AppHeader viewer={viewer} onLogout={logout} />
      <Navigation role={viewer.role} />
      <main id="main" className="page" tabIndex={-1} ref={main}>
        {children}
      </main>
    </div>
  );
}
