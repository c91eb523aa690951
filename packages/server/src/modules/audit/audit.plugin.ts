import type { ApolloServerPlugin } from '@apollo/server';
import type { GraphQLContext } from '../../graphql/context.js';

/**
 * Over HTTP: once an operation's answer is complete, writes the audit entries of the identifying data
 * it returned (one per root field) before the answer is sent. Should that fail, the answer is
 * withheld: nothing identifying leaves unaudited. (graphql-ws does the same in ws-server.ts.)
 */
export const auditReadsPlugin: ApolloServerPlugin<GraphQLContext> = {
  async requestDidStart() {
    return {
      async willSendResponse({ contextValue, response }) {
        try {
          await contextValue.audit?.flushReads();
        } catch {
          if (response.body.kind !== 'single') throw new Error('the answer could not be audited');
          response.http.status = 500;
          response.body.singleResult = {
            errors: [
              { message: 'the answer could not be audited', extensions: { code: 'INTERNAL_SERVER_ERROR' } },
            ],
          };
        }
      },
    };
  },
};
