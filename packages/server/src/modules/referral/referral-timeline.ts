import type { EntityManager } from '@mikro-orm/postgresql';
import { Ctx, Field, FieldResolver, ObjectType, Resolver, Root } from 'type-graphql';
import type { GraphQLContext } from '../../graphql/context.js';
import { DateTime } from '../../graphql/scalars.js';
import { Institution } from '../alliance/institution.entity.js';

/** One step of a referral's history, as the event log recorded it (可追踪). */
@ObjectType('ReferralTimelineEntry')
export class ReferralTimelineEntry {
  referralId!: string;
  actorInstitutionId!: string | null;

  @Field(() => DateTime)
  at!: Date;

  @Field(() => String, {
    description: 'What happened: CREATED, ACCEPTED, REDIRECTED, CLAIMED, RELEASED, EXPIRED...',
  })
  type!: string;

  @Field(() => String, { nullable: true, description: 'The referral’s status after this step.' })
  status!: string | null;

  @Field(() => String, { description: 'Who: a person’s display name, or "system".' })
  actorName!: string;

  @Field(() => String, { description: 'Their role (COORDINATOR, SPECIALIST, ..., SYSTEM).' })
  actorRole!: string;

  @Field(() => String, { nullable: true, description: 'The reason, note or outcome given.' })
  note!: string | null;
}

interface Row {
  aggregate_id: string;
  occurred_at: string;
  type: string;
  payload: { status?: string };
  actor_username: string | null;
  display_name: string | null;
  actor_role: string | null;
  actor_institution_id: string | null;
  note: string | null;
}

/** The ordered histories of several referrals in one query (the caller has checked they may be read). */
export async function timelines(
  em: EntityManager,
  referralIds: readonly string[],
): Promise<ReferralTimelineEntry[]> {
  const rows: Row[] = await em
    .getKnex()
    .select(
      'e.aggregate_id',
      'e.occurred_at',
      'e.type',
      'e.payload',
      'e.actor_username',
      'u.display_name',
      'e.actor_role',
      'e.actor_institution_id',
      'e.note',
    )
    .from('event_log as e')
    .leftJoin('user_account as u', 'u.id', 'e.actor_user_id')
    .where('e.aggregate_type', 'Referral')
    .whereIn('e.aggregate_id', [...referralIds])
    .orderBy('e.position');
  return rows.map((r) => ({
    referralId: r.aggregate_id,
    at: new Date(r.occurred_at),
    type: r.type.replace(/^referral\./, ''),
    status: r.payload?.status ?? null,
    actorName: r.display_name ?? r.actor_username ?? 'system',
    actorRole: r.actor_role ?? 'SYSTEM',
    actorInstitutionId: r.actor_institution_id,
    note: r.note,
  }));
}

@Resolver(() => ReferralTimelineEntry)
export class ReferralTimelineResolver {
  @FieldResolver(() => Institution, { nullable: true, description: 'The institution the actor acted for.' })
  async actorInstitution(
    @Root() entry: ReferralTimelineEntry,
    @Ctx() ctx: GraphQLContext,
  ): Promise<Institution | null> {
    return entry.actorInstitutionId ? ctx.loaders.institution.load(entry.actorInstitutionId) : null;
  }
}
