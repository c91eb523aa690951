import { useCallback } from 'react';
import { useSignedIn } from '../../app/viewer';
import { describeError } from '../../graphql/errors';
import { graphql } from '../../graphql/graphql';
import { useLiveQuery } from '../../graphql/live';
import { useT } from '../../i18n';
import { LoadError } from '../shell/LoadError';
import { AllianceSection } from './AllianceSection';

/**
 * A member's beds of one kind, as the page shows them. The query and its events select the row alike,
 * or a row an event brings would lack what the cards show. Unmasked: the cards read the query's result.
 */
const MemberBeds = graphql(`
  fragment MemberBeds on BedAvailability @_unmask {
    kind
    total
    available
    held
    occupied
    updatedAt
    institution {
      id
    }
    department {
      id
      code
      name
    }
  }
`);

export const AllianceMembersQuery = graphql(
  `
    query AllianceMembers {
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
                ...MemberBeds
              }
            }
          }
        }
      }
    }
  `,
  [MemberBeds],
);

/** Bed events of the alliance: each carries its availability row, which graphcache puts in place. */
export const MemberBedsChanged = graphql(
  `
    subscription MemberBedsChanged($allianceId: ID!, $after: String) {
      bedAvailabilityChanged(allianceId: $allianceId, after: $after) {
        cursor
        availability {
          ...MemberBeds
        }
      }
    }
  `,
  [MemberBeds],
);

/** Every member of the viewer's alliance with its beds per kind, kept live. */
export function MembersPage() {
  const t = useT();
  const { alliance } = useSignedIn();
  const [{ data, fetching, error }, reexecute] = useLiveQuery({
    query: AllianceMembersQuery,
    variables: {},
    subscription: MemberBedsChanged,
    subscriptionVariables: { allianceId: alliance?.id ?? '' },
    pause: !alliance,
  });
  const refresh = useCallback(() => reexecute({ requestPolicy: 'network-only' }), [reexecute]);

  return (
    <section className="page__section" aria-busy={fetching} aria-labelledby="members-heading">
      <div className="page__toolbar">
        <h1 className="page__title" id="members-heading">
          {t('members.heading')}
        </h1>
      </div>

      {error && (
        <LoadError message={t('members.error', { message: describeError(error, t) })} onRetry={refresh} />
      )}

      {!data && fetching && (
        <p className="muted" role="status">
          {t('members.loading')}
        </p>
      )}

      {(!alliance || (data && data.alliances.length === 0)) && (
        <p className="muted">{t('members.noAlliance')}</p>
      )}

      {data?.alliances.map((each) => (
        <AllianceSection key={each.id} alliance={each} />
      ))}
    </section>
  );
}
