import { Link, useLocation } from 'wouter';
import { navigationFor, routeHref } from '../../app/routes';
import type { Role } from '../../graphql/enums';
import { useT } from '../../i18n';

/** The pages of the viewer's role (from the route table); the current one is marked for assistive tech. */
export function Navigation({ role }: { role: Role }) {
  const t = useT();
  const [location] = useLocation();
  const items = navigationFor(role);
  if (items.length < 2) return null;
  return (
    <nav className="app-nav" aria-label={t('nav.label')}>
      <ul>
        {items.map((route) => {
          const href = routeHref(route);
          const current = location === href || location.startsWith(`${href}/`);
          return (
            <li key={route.path}>
              <Link href={href} className="app-nav__link" aria-current={current ? 'page' : undefined}>
                {route.nav ? t(route.nav) : href}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
