import {
  Arg,
  Ctx,
  Field,
  FieldResolver,
  Float,
  ID,
  InputType,
  Int,
  Mutation,
  ObjectType,
  Query,
  Resolver,
  Root,
} from 'type-graphql';
import { reachOf } from '../../domain/authorization.js';
import { InstitutionKind, InstitutionTier } from '../../domain/enums.js';
import { badInput, forbidden } from '../../domain/errors.js';
import { addDays, shanghaiDate, shanghaiInstant } from '../../domain/time.js';
import type { GraphQLContext } from '../../graphql/context.js';
import { viewerOf } from '../../graphql/context.js';
import { parseGlobalId } from '../../graphql/global-id.js';
import { DateTime } from '../../graphql/scalars.js';
import { Institution } from '../alliance/institution.entity.js';
import { rows, writeTransaction } from '../shared/write.js';
import { lengthOfStayTarget, referralOutRateCap } from './indicator-targets.js';

@ObjectType('MemberIndicators', {
  description: 'How one member did in a period, against the alliance’s targets.',
})
export class MemberIndicators {
  institutionId!: string;

  @Field(() => Int) referralsOutUpward!: number;
  @Field(() => Int) referralsOutDownward!: number;
  @Field(() => Int) referralsOutLateral!: number;
  @Field(() => Int) referralsInUpward!: number;
  @Field(() => Int) referralsInDownward!: number;
  @Field(() => Int) referralsInLateral!: number;

  @Field(() => Int, { nullable: true, description: 'Outpatient visits the member reported for the period.' })
  outpatientVisits!: number | null;

  @Field(() => Float, {
    nullable: true,
    description: 'Up-referrals sent ÷ outpatient visits (null without reported visits).',
  })
  referralOutRate!: number | null;

  @Field(() => Float, {
    nullable: true,
    description: 'The cap for this kind of member (secondary 10%, township/community 50%).',
  })
  referralOutRateCap!: number | null;

  @Field(() => Boolean, { nullable: true })
  referralOutRateWithinCap!: boolean | null;

  @Field(() => Float, {
    nullable: true,
    description: 'Median minutes from a received referral to its answer.',
  })
  medianMinutesToAnswer!: number | null;

  @Field(() => Float, {
    nullable: true,
    description: 'Share of received referrals answered before dueBy (expired ones count as late).',
  })
  answeredOnTimeShare!: number | null;

  @Field(() => Float, {
    nullable: true,
    description: 'Down-referrals sent ÷ up-referrals received (hospitals).',
  })
  downReferralRatio!: number | null;

  @Field(() => Int, { description: 'Reserved slots of this member that started in the period.' })
  reservedSlots!: number;

  @Field(() => Int) reservedSlotsBooked!: number;

  @Field(() => Float, { nullable: true, description: 'Booked ÷ reserved.' })
  reservedSlotUse!: number | null;

  @Field(() => Float, {
    nullable: true,
    description: 'Average length of stay of discharged patients, in days.',
  })
  averageLengthOfStay!: number | null;

  @Field(() => Float, { nullable: true, description: 'Target: secondary ≤ 9 days, primary ≤ 6.' })
  lengthOfStayTarget!: number | null;
}

@ObjectType('DailyActivity', {
  description: 'One member’s activity on one day, as its own information system reported it.',
})
export class DailyActivity {
  institutionId!: string;

  @Field(() => String) date!: string;
  @Field(() => Int) outpatientVisits!: number;
  @Field(() => Int) admissions!: number;
  @Field(() => Int) discharges!: number;
  @Field(() => Int) dischargedBedDays!: number;
}

@InputType('DailyActivityInput')
class DailyActivityInput {
  @Field(() => String, { description: 'YYYY-MM-DD (Asia/Shanghai), not in the future.' })
  date!: string;

  @Field(() => Int) outpatientVisits!: number;
  @Field(() => Int) admissions!: number;
  @Field(() => Int) discharges!: number;

  @Field(() => Int, { description: 'Lengths of stay of that day’s discharged patients, added up.' })
  dischargedBedDays!: number;
}

const MAX_COUNT = 1_000_000;
const MAX_PERIOD_DAYS = 366;

interface IndicatorRow {
  id: string;
  tier: InstitutionTier;
  kind: InstitutionKind;
  out_up: number;
  out_down: number;
  out_lateral: number;
  in_up: number;
  in_down: number;
  in_lateral: number;
  median_minutes: number | null;
  on_time: number;
  answerable: number;
  visits: number | null;
  discharges: number | null;
  bed_days: number | null;
  reserved: number;
  booked: number;
}

const ratio = (a: number, b: number | null) => (b ? a / b : null);

@Resolver(() => MemberIndicators)
export class IndicatorsResolver {
  @Query(() => [MemberIndicators], {
    description:
      'The alliance’s indicators per member for [from, to): referrals by direction, referral-out rate against its cap, ' +
      'time to answer, on-time share, down-referral ratio, reserved-slot use, length of stay against its target. ' +
      'The coordination office sees every member; others see their own.',
  })
  async allianceIndicators(
    @Arg('from', () => DateTime) from: Date,
    @Arg('to', () => DateTime) to: Date,
    @Arg('institutionId', () => ID, { nullable: true }) institutionId: string | null | undefined,
    @Ctx() ctx: GraphQLContext,
  ): Promise<MemberIndicators[]> {
    const viewer = viewerOf(ctx);
    if (to <= from) throw badInput('to', 'to must be after from');
    if (to.getTime() - from.getTime() > MAX_PERIOD_DAYS * 86_400_000)
      throw badInput('to', `a period is at most ${MAX_PERIOD_DAYS} days`);
    let member = institutionId ? parseGlobalId(institutionId, 'Institution', 'institutionId') : null;
    if (reachOf('Query.allianceIndicators', viewer.role) !== 'ALLIANCE') {
      if (member && member !== viewer.institutionId)
        throw forbidden('you may read the indicators of your own institution only');
      member = viewer.institutionId;
    }
    const fromDay = shanghaiDate(from);
    const toDay = shanghaiDate(new Date(to.getTime() - 1));
    // Named bindings keep the one query readable; knex passes them as parameters.
    const result: { rows: IndicatorRow[] } = await ctx.em.getKnex().raw(
      `WITH m AS (SELECT id, tier, kind, code FROM institution WHERE alliance_id = :alliance AND (CAST(:member AS uuid) IS NULL OR id = CAST(:member AS uuid))),
       sent AS (SELECT from_institution_id AS id,
           count(*) FILTER (WHERE direction = 'UPWARD')::int AS out_up,
           count(*) FILTER (WHERE direction = 'DOWNWARD')::int AS out_down,
           count(*) FILTER (WHERE direction = 'LATERAL')::int AS out_lateral
         FROM referral WHERE alliance_id = :alliance AND created_at >= :from AND created_at < :to GROUP BY 1),
       received AS (SELECT to_institution_id AS id,
           count(*) FILTER (WHERE direction = 'UPWARD')::int AS in_up,
           count(*) FILTER (WHERE direction = 'DOWNWARD')::int AS in_down,
           count(*) FILTER (WHERE direction = 'LATERAL')::int AS in_lateral,
           percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM answered_at - created_at) / 60)
             FILTER (WHERE answered_at IS NOT NULL) AS median_minutes,
           count(*) FILTER (WHERE answered_at IS NOT NULL AND answered_at <= due_by)::int AS on_time,
           count(*) FILTER (WHERE answered_at IS NOT NULL OR status = 'EXPIRED')::int AS answerable
         FROM referral WHERE alliance_id = :alliance AND created_at >= :from AND created_at < :to GROUP BY 1),
       activity AS (SELECT institution_id AS id, sum(outpatient_visits)::int AS visits, sum(discharges)::int AS discharges,
           sum(discharged_bed_days)::int AS bed_days
         FROM daily_activity WHERE day >= CAST(:fromDay AS date) AND day <= CAST(:toDay AS date) GROUP BY 1),
       slots AS (SELECT institution_id AS id,
           count(*) FILTER (WHERE pool = 'ALLIANCE_RESERVED' OR status = 'RELEASED')::int AS reserved,
           count(*) FILTER (WHERE pool = 'ALLIANCE_RESERVED' AND status = 'BOOKED')::int AS booked
         FROM slot WHERE starts_at >= :from AND starts_at < :to GROUP BY 1)
       SELECT m.id, m.tier, m.kind,
         coalesce(sent.out_up, 0) AS out_up, coalesce(sent.out_down, 0) AS out_down, coalesce(sent.out_lateral, 0) AS out_lateral,
         coalesce(received.in_up, 0) AS in_up, coalesce(received.in_down, 0) AS in_down, coalesce(received.in_lateral, 0) AS in_lateral,
         received.median_minutes, coalesce(received.on_time, 0) AS on_time, coalesce(received.answerable, 0) AS answerable,
         activity.visits, activity.discharges, activity.bed_days,
         coalesce(slots.reserved, 0) AS reserved, coalesce(slots.booked, 0) AS booked
       FROM m LEFT JOIN sent USING (id) LEFT JOIN received USING (id) LEFT JOIN activity USING (id) LEFT JOIN slots USING (id)
       ORDER BY m.code`,
      { alliance: viewer.allianceId, member, from, to, fromDay, toDay },
    );
    const found = result.rows;
    return found.map((r) => {
      const cap = referralOutRateCap(r.tier, r.kind);
      const rate = r.visits === null ? null : ratio(r.out_up, r.visits);
      return {
        institutionId: r.id,
        referralsOutUpward: r.out_up,
        referralsOutDownward: r.out_down,
        referralsOutLateral: r.out_lateral,
        referralsInUpward: r.in_up,
        referralsInDownward: r.in_down,
        referralsInLateral: r.in_lateral,
        outpatientVisits: r.visits,
        referralOutRate: rate,
        referralOutRateCap: cap,
        referralOutRateWithinCap: rate === null || cap === null ? null : rate <= cap,
        medianMinutesToAnswer: r.median_minutes === null ? null : Number(r.median_minutes),
        answeredOnTimeShare: ratio(r.on_time, r.answerable),
        downReferralRatio: ratio(r.out_down, r.in_up),
        reservedSlots: r.reserved,
        reservedSlotsBooked: r.booked,
        reservedSlotUse: ratio(r.booked, r.reserved),
        averageLengthOfStay: r.discharges ? (r.bed_days ?? 0) / r.discharges : null,
        lengthOfStayTarget: lengthOfStayTarget(r.tier),
      };
    });
  }

  @Mutation(() => DailyActivity, {
    description:
      'A member’s system reports a day’s outpatient visits, admissions and discharges (idempotent per member and day: ' +
      'reporting again replaces the day). The coordination office may report for a member with institutionId.',
  })
  async reportDailyActivity(
    @Arg('input', () => DailyActivityInput) input: DailyActivityInput,
    @Arg('institutionId', () => ID, { nullable: true }) institutionId: string | null | undefined,
    @Ctx() ctx: GraphQLContext,
  ): Promise<DailyActivity> {
    const viewer = viewerOf(ctx);
    let member: string;
    // Who may report at all is the policy's: the office for any member, a member's system for its own.
    if (reachOf('Mutation.reportDailyActivity', viewer.role) === 'ALLIANCE') {
      if (!institutionId) throw badInput('institutionId', 'say which member the figures are for');
      member = parseGlobalId(institutionId, 'Institution', 'institutionId');
    } else {
      if (
        institutionId &&
        parseGlobalId(institutionId, 'Institution', 'institutionId') !== viewer.institutionId
      ) {
        throw forbidden('a member reports its own activity only');
      }
      member = viewer.institutionId!;
    }
    const today = shanghaiDate(ctx.services.clock());
    if (
      !/^\d{4}-\d{2}-\d{2}$/.test(input.date) ||
      shanghaiDate(shanghaiInstant(input.date, '12:00')) !== input.date
    ) {
      throw badInput('input.date', 'date must be a calendar date as YYYY-MM-DD');
    }
    if (input.date > today) throw badInput('input.date', 'date is in the future');
    if (input.date < addDays(today, -400)) throw badInput('input.date', 'date is more than 400 days ago');
    for (const field of ['outpatientVisits', 'admissions', 'discharges', 'dischargedBedDays'] as const) {
      const value = input[field];
      if (!Number.isInteger(value) || value < 0 || value > MAX_COUNT)
        throw badInput(`input.${field}`, `${field} must be from 0 to ${MAX_COUNT}`);
    }
    if (input.discharges === 0 && input.dischargedBedDays > 0) {
      throw badInput(
        'input.dischargedBedDays',
        'bed days of discharged patients need at least one discharge',
      );
    }
    if (input.dischargedBedDays > input.discharges * 400) {
      throw badInput('input.dischargedBedDays', 'more than 400 bed days per discharged patient');
    }
    await writeTransaction(ctx, async (tx) => {
      const [found] = await rows<{ alliance_id: string }>(
        tx,
        'SELECT alliance_id FROM institution WHERE id = ?',
        [member],
      );
      if (!found || found.alliance_id !== viewer.allianceId)
        throw badInput('institutionId', 'not a member of your alliance');
      await tx.execute(
        `INSERT INTO daily_activity (institution_id, day, outpatient_visits, admissions, discharges, discharged_bed_days, reported_by_user_id)
         VALUES (?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (institution_id, day) DO UPDATE SET outpatient_visits = EXCLUDED.outpatient_visits, admissions = EXCLUDED.admissions,
           discharges = EXCLUDED.discharges, discharged_bed_days = EXCLUDED.discharged_bed_days,
           reported_by_user_id = EXCLUDED.reported_by_user_id, reported_at = now()`,
        [
          member,
          input.date,
          input.outpatientVisits,
          input.admissions,
          input.discharges,
          input.dischargedBedDays,
          viewer.userId,
        ],
      );
    });
    return { institutionId: member, ...input };
  }

  @FieldResolver(() => Institution)
  async institution(@Root() row: MemberIndicators, @Ctx() ctx: GraphQLContext): Promise<Institution> {
    return (await ctx.loaders.institution.load(row.institutionId))!;
  }
}

@Resolver(() => DailyActivity)
export class DailyActivityResolver {
  @FieldResolver(() => Institution)
  async institution(@Root() row: DailyActivity, @Ctx() ctx: GraphQLContext): Promise<Institution> {
    return (await ctx.loaders.institution.load(row.institutionId))!;
  }
}
