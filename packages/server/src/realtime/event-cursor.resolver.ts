import { Ctx, Query, Resolver } from 'type-graphql';
import type { GraphQLContext } from '../graphql/context.js';
import { encodeCursor } from './cursor.js';
import { readHorizonCursor, type Db } from './event-log.js';

/**
 * Where a client starts following: the cursor of the last event every reader can already see. A
 * client that asks for it first, then reads its state, then subscribes with `after` set to it misses
 * nothing that happened in between, even before its first event or across a reconnect (events carry
 * the state as it is when delivered, so one that is already in the read state only repeats it).
 */
@Resolver()
export class EventCursorResolver {
  @Query(() => String, {
    nullable: true,
    description:
      'The cursor of the latest event in the log that every reader can see now (null while the log is empty). ' +
      'Ask for it before reading state, then subscribe with `after` set to it: nothing in between is missed.',
  })
  async eventCursor(@Ctx() ctx: GraphQLContext): Promise<string | null> {
    const knex = ctx.em.getKnex();
    const db: Db = {
      query: async <R extends object>(sql: string) => (await knex.raw(sql)) as { rows: R[] },
    };
    const cursor = await readHorizonCursor(db);
    return cursor ? encodeCursor(cursor) : null;
  }
}
