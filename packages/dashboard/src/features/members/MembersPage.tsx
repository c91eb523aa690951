import { useCallback } from 'react';
import { gql, useQuery } from 'urql';
import { describeError } from '../../graphql/errors';
import { useT } from '../../i18n';
import { session } from '../auth/session';
import { AppHeader } from '../shell/AppHeader';
import { AllianceSection } from './AllianceSection';
import type { AllianceMembersData } from './types';

const AllianceMembersQuery = gql<AllianceMembersData, Record<string, never>>`
  query AllianceMembers {
    viewer {
      id
      displayName
      role
      institution {
        id
        name
      }
    }
    alliances {
      id
      code
      name
      kind
      integration
      core {
        id
        name
      }
      members(first: 100) {
        totalCount
        edges {
          cursor
          node {
            id
            code
            name
            kind
            tier
            role
            referralOfficePhone
            bedAvailability {
              kind
              total
              available
              held
              occupied
              updatedAt
              department {
                id
                code
                name
              }
            }
          }
        }
      }
    }
  }
`;

/** The first signed-in page: every alliance the viewer can see, with its members' beds. */
export function MembersPage() {
  const t = useT();
  const [{ data, fetching, error }, reexecute] = useQuery({
    query: AllianceMembersQuery,
    // Show what the cache has at once, and still ask the server: bed counts move all day.
    requestPolicy: 'cache-and-network',
  });
  const refresh = useCallback(() => reexecute({ requestPolicy: 'network-only' }), [reexecute]);

  return (
    <>
      <AppHeader viewer={data?.viewer ?? null} onLogout={session.signOut} />
      <main className="page" aria-busy={fetching}>
        <div className="page__toolbar">
          <h1 className="page__title">{t('members.heading')}</h1>
          <button type="button" className="button" onClick={refresh} disabled={fetching}>
            {t('members.refresh')}
          </button>
        </div>

        {error && (
          <div className="form-error" role="alert">
            <p>{t('members.error', { message: describeError(error, t) })}</p>
            <button type="button" className="button" onClick={refresh}>
              {t('members.retry')}
            </button>
          </div>
        )}

        {!data && fetching && (
          <p className="muted" role="status">
            {t('members.loading')}
          </p>
        )}

        {data && data.alliances.length === 0 && <p className="muted">{t('members.noAlliance')}</p>}

        {data?.alliances.map((alliance) => (
          <AllianceSection key={alliance.id} alliance={alliance} />
        ))}
      </main>
    </>
  );
}
