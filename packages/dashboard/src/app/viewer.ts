import { createContext, useContext } from 'react';
import { graphql, type ResultOf } from '../graphql/graphql';

/** Who is signed in, and the alliance they work in: every page needs one or the other. */
export const ViewerQuery = graphql(`
  query Viewer {
    viewer {
      id
      username
      displayName
      role
      institution {
        id
        name
      }
      department {
        id
        name
      }
    }
    alliances {
      id
      name
    }
  }
`);

export type ViewerData = ResultOf<typeof ViewerQuery>['viewer'];

export interface SignedIn {
  viewer: ViewerData;
  /** The viewer's alliance (people belong to one); null for a machine account without one. */
  alliance: { id: string; name: string } | null;
}

export const ViewerContext = createContext<SignedIn | null>(null);

/** The signed-in person; only pages inside the shell (which loads it first) call this. */
export function useSignedIn(): SignedIn {
  const value = useContext(ViewerContext);
  if (!value) throw new Error('useSignedIn() must be used inside the signed-in shell');
  return value;
}
