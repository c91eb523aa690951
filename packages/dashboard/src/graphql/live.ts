import { useEffect, useRef, useState, useSyncExternalStore } from 'react';
import {
  createRequest,
  useQuery,
  useSubscription,
  type AnyVariables,
  type DocumentInput,
  type UseQueryResponse,
  type UseSubscriptionState,
} from 'urql';
import { graphql } from './graphql';
import { useYilianClient } from './YilianProvider';

const EventCursorQuery = graphql(`
  query EventCursor {
    eventCursor
  }
`);

/**
 * Follows a subscription from a known cursor. Before the first subscribe it asks the server for
 * `eventCursor` and seeds the subscription's cursor with it; only then is it (and the page's state
 * query) started. So nothing that happens between reading state and subscribing is lost, and a
 * reconnect before the first event still resumes from a cursor (docs/realtime.md). When the server
 * says a cursor has expired, `resync` changes: read the state again (useLiveQuery does).
 */
export function useLiveSubscription<Data, Variables extends AnyVariables>(
  subscription: DocumentInput<Data, Variables>,
  variables: Variables,
  pause = false,
): { ready: boolean; resync: number; result: UseSubscriptionState<Data, Variables> } {
  const { client, cursors } = useYilianClient();
  const key = String(createRequest(subscription, variables).key);
  const resync = useSyncExternalStore(cursors.subscribe, cursors.resyncCount, cursors.resyncCount);
  const [seeded, setSeeded] = useState<{ key: string; resync: number } | null>(null);
  const ready = cursors.get(key) !== undefined || (seeded?.key === key && seeded.resync === resync);

  useEffect(() => {
    if (pause || ready) return;
    let current = true;
    void client
      .query(EventCursorQuery, {}, { requestPolicy: 'network-only' })
      .toPromise()
      .then((answer) => {
        if (!current) return;
        cursors.seed(key, answer.data?.eventCursor ?? null);
        // Without a cursor (network error, empty log) the subscription still starts, live only.
        setSeeded({ key, resync });
      });
    return () => {
      current = false;
    };
  }, [client, cursors, key, pause, ready, resync]);

  const [result] = useSubscription({ query: subscription, variables, pause: pause || !ready });
  return { ready, resync, result };
}

export interface LiveQueryArgs<Q, QV extends AnyVariables, S, SV extends AnyVariables> {
  query: DocumentInput<Q, QV>;
  variables: QV;
  subscription: DocumentInput<S, SV>;
  subscriptionVariables: SV;
  pause?: boolean;
}

/**
 * A query kept live by a subscription whose events graphcache applies (see cache.ts): state is read
 * once, after the subscription's starting cursor is known, and then only events change it. Reconnects
 * resume from the last cursor with no refetch; only an expired cursor reads the state again.
 */
export function useLiveQuery<Q, QV extends AnyVariables, S, SV extends AnyVariables>(
  args: LiveQueryArgs<Q, QV, S, SV>,
): UseQueryResponse<Q, QV> {
  const live = useLiveSubscription(args.subscription, args.subscriptionVariables, args.pause);
  const response = useQuery({
    query: args.query,
    variables: args.variables,
    pause: args.pause || !live.ready,
    requestPolicy: 'cache-and-network',
  });
  const [, reexecute] = response;
  const lastResync = useRef(live.resync);
  useEffect(() => {
    if (live.resync === lastResync.current || !live.ready) return;
    lastResync.current = live.resync;
    reexecute({ requestPolicy: 'network-only' });
  }, [live.resync, live.ready, reexecute]);
  return response;
}
