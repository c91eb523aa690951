import { lazy, type ComponentType, type LazyExoticComponent } from 'react';
import { ROLES, type Role } from '../graphql/enums';
import type { MessageKey } from '../i18n';

/**
 * Every page of the dashboard, in navigation order: where it lives, who may open it, and its label
 * in the navigation. Pages load on first visit (their own bundle chunk), so adding a view here never
 * grows what the login page downloads. A role's start page is its first page with a label.
 */
export interface AppRoute {
  /** wouter pattern; `/referrals/:id?` also matches the bare list. */
  path: string;
  /** Who may open the page (navigation shows it only to them; others get "not allowed"). */
  roles: readonly Role[];
  /** Shown in the navigation when set; the link goes to `href` (default: `path`). */
  nav?: MessageKey;
  href?: string;
  page: LazyExoticComponent<ComponentType>;
}

/** `lazy()` for a named export. */
function page<M extends Record<string, unknown>>(load: () => Promise<M>, name: keyof M & string) {
  return lazy(async () => ({ default: (await load())[name] as ComponentType }));
}

export const ROUTES: readonly AppRoute[] = [
  {
    path: '/specialist',
    roles: ['SPECIALIST'],
    nav: 'specialist.nav',
    page: page(() => import('../features/specialist/SpecialistPage'), 'SpecialistPage'),
  },
  {
    path: '/my-referrals',
    roles: ['REFERRING_DOCTOR'],
    nav: 'referring.navMine',
    page: page(() => import('../features/referring/MyReferralsPage'), 'MyReferralsPage'),
  },
  {
    path: '/new-referral',
    roles: ['REFERRING_DOCTOR'],
    nav: 'referring.navNew',
    page: page(() => import('../features/referring/NewReferralPage'), 'NewReferralPage'),
  },
  {
    path: '/beds',
    roles: ['COORDINATOR'],
    nav: 'nav.beds',
    page: page(() => import('../features/beds/BedBoardPage'), 'BedBoardPage'),
  },
  {
    path: '/referrals/:id?',
    href: '/referrals',
    roles: ['COORDINATOR'],
    nav: 'nav.referrals',
    page: page(() => import('../features/referrals/ReferralQueuePage'), 'ReferralQueuePage'),
  },
  {
    path: '/indicators',
    roles: ['COORDINATOR'],
    nav: 'nav.indicators',
    // Charts (recharts) load with this page only.
    page: page(() => import('../features/indicators/IndicatorsPage'), 'IndicatorsPage'),
  },
  {
    path: '/members',
    roles: ROLES,
    nav: 'nav.members',
    page: page(() => import('../features/members/MembersPage'), 'MembersPage'),
  },
];

export const routeHref = (route: AppRoute) => route.href ?? route.path;

/** The pages a role sees in its navigation. */
export function navigationFor(role: Role): AppRoute[] {
  return ROUTES.filter((route) => route.nav && route.roles.includes(role));
}

/** Where a role lands after signing in (and at `/`). */
export function homeFor(role: Role): string {
  const first = navigationFor(role)[0];
  return first ? routeHref(first) : '/members';
}
