import {
  Arg,
  Ctx,
  Field,
  FieldResolver,
  ID,
  InputType,
  Int,
  Mutation,
  ObjectType,
  Query,
  Resolver,
  Root,
} from 'type-graphql';
import { SlotKind } from '../../domain/enums.js';
import { badInput, notFound } from '../../domain/errors.js';
import type { GraphQLContext } from '../../graphql/context.js';
import { viewerOf } from '../../graphql/context.js';
import { parseGlobalId } from '../../graphql/global-id.js';
import { DateTime } from '../../graphql/scalars.js';
import { Department } from '../alliance/department.entity.js';
import { Institution } from '../alliance/institution.entity.js';
import { rows, writeTransaction } from '../shared/write.js';
import { topUpSlots, type SlotPoolRuleRow } from './slot-pools.js';

@ObjectType('SlotQuota', {
  description: 'How many of a pool’s reserved slots one member may book by itself each day.',
})
export class SlotQuota {
  institutionId!: string;

  @Field(() => Int)
  perDay!: number;
}

@ObjectType('SlotPoolRule', {
  description: 'How a department lays out one kind of slot each day and what it reserves (预留号源).',
})
export class SlotPoolRule {
  departmentId!: string;

  @Field(() => SlotKind)
  kind!: SlotKind;

  @Field(() => String, { description: 'First slot of the day, HH:mm, Asia/Shanghai.' })
  firstSlotTime!: string;

  @Field(() => Int)
  slotMinutes!: number;

  @Field(() => Int)
  slotsPerDay!: number;

  @Field(() => Int, {
    description: 'The first slots of each day reserved for primary care through the alliance.',
  })
  reservedPerDay!: number;

  @Field(() => Int, {
    description: 'Unbooked reserved slots go to the public pool this long before they start.',
  })
  releaseMinutesBeforeStart!: number;

  @Field(() => Int)
  horizonDays!: number;

  @Field(() => [String], { description: 'Practitioner or device codes taking the slots in turn.' })
  resources!: string[];

  @Field(() => [SlotQuota])
  quotas!: SlotQuota[];

  @Field(() => DateTime)
  updatedAt!: Date;
}

@InputType('SlotQuotaInput')
class SlotQuotaInput {
  @Field(() => ID)
  institutionId!: string;

  @Field(() => Int)
  perDay!: number;
}

@InputType('SlotPoolRuleInput')
class SlotPoolRuleInput {
  @Field(() => ID)
  departmentId!: string;

  @Field(() => SlotKind)
  kind!: SlotKind;

  @Field(() => String)
  firstSlotTime!: string;

  @Field(() => Int)
  slotMinutes!: number;

  @Field(() => Int)
  slotsPerDay!: number;

  @Field(() => Int)
  reservedPerDay!: number;

  @Field(() => Int, { nullable: true, description: '120 by default.' })
  releaseMinutesBeforeStart?: number | null;

  @Field(() => Int, { nullable: true, description: '14 by default.' })
  horizonDays?: number | null;

  @Field(() => [String])
  resources!: string[];

  @Field(() => [SlotQuotaInput], {
    nullable: true,
    description: 'Replaces the pool’s quotas; no quota means no limit.',
  })
  quotas?: SlotQuotaInput[] | null;
}

async function loadRules(ctx: GraphQLContext, departmentId: string | null): Promise<SlotPoolRule[]> {
  const rules = await rows<SlotPoolRuleRow>(
    ctx.em,
    `SELECT r.* FROM slot_pool_rule r JOIN department d ON d.id = r.department_id JOIN institution i ON i.id = d.institution_id
     WHERE i.alliance_id = ? AND (?::uuid IS NULL OR r.department_id = ?::uuid) ORDER BY i.code, d.code, r.kind`,
    [viewerOf(ctx).allianceId, departmentId, departmentId],
  );
  const quotas = rules.length
    ? await rows<{ rule_id: string; institution_id: string; per_day: number }>(
        ctx.em,
        'SELECT * FROM slot_quota WHERE rule_id = ANY(?::uuid[])',
        [`{${rules.map((r) => r.id).join(',')}}`],
      )
    : [];
  return rules.map((r) => ({
    departmentId: r.department_id,
    kind: r.kind,
    firstSlotTime: r.first_slot_time,
    slotMinutes: r.slot_minutes,
    slotsPerDay: r.slots_per_day,
    reservedPerDay: r.reserved_per_day,
    releaseMinutesBeforeStart: r.release_minutes_before_start,
    horizonDays: r.horizon_days,
    resources: r.resources,
    updatedAt: new Date(r.updated_at),
    quotas: quotas
      .filter((q) => q.rule_id === r.id)
      .map((q) => ({ institutionId: q.institution_id, perDay: q.per_day })),
  }));
}

function validateRule(input: SlotPoolRuleInput): void {
  const int = (field: string, value: number, min: number, max: number) => {
    if (!Number.isInteger(value) || value < min || value > max)
      throw badInput(`input.${field}`, `${field} must be from ${min} to ${max}`);
  };
  if (!/^([01]\d|2[0-3]):[0-5]\d$/.test(input.firstSlotTime))
    throw badInput('input.firstSlotTime', 'firstSlotTime must be HH:mm');
  int('slotMinutes', input.slotMinutes, 5, 240);
  int('slotsPerDay', input.slotsPerDay, 1, 200);
  int('reservedPerDay', input.reservedPerDay, 0, input.slotsPerDay);
  int('releaseMinutesBeforeStart', input.releaseMinutesBeforeStart ?? 120, 0, 14 * 24 * 60);
  int('horizonDays', input.horizonDays ?? 14, 1, 90);
  const [hh, mm] = input.firstSlotTime.split(':').map(Number) as [number, number];
  if (hh * 60 + mm + input.slotMinutes * input.slotsPerDay > 24 * 60) {
    throw badInput('input.slotsPerDay', 'the day’s slots must end by midnight');
  }
  if (
    input.resources.length === 0 ||
    input.resources.length > 50 ||
    input.resources.some((r) => !/^[A-Za-z0-9._-]{1,50}$/.test(r))
  ) {
    throw badInput('input.resources', 'resources must be 1 to 50 practitioner or device codes');
  }
  for (const [i, quota] of (input.quotas ?? []).entries())
    int(`quotas[${i}].perDay`, quota.perDay, 0, input.reservedPerDay);
}

/** Reserved slot pools: the coordination office sets how much each department reserves and releases. */
@Resolver(() => SlotPoolRule)
export class SlotPoolResolver {
  @Query(() => [SlotPoolRule], {
    description: 'The alliance’s reserved slot pools, optionally of one department.',
  })
  async slotPoolRules(
    @Arg('departmentId', () => ID, { nullable: true }) departmentId: string | null,
    @Ctx() ctx: GraphQLContext,
  ): Promise<SlotPoolRule[]> {
    return loadRules(ctx, departmentId ? parseGlobalId(departmentId, 'Department', 'departmentId') : null);
  }

  @Mutation(() => SlotPoolRule, {
    description:
      'Sets a department’s slot pool (coordinator only): layout, reserved share, release rule, quotas. Slots already ' +
      'generated keep their layout; new days follow the rule.',
  })
  async setSlotPoolRule(
    @Arg('input', () => SlotPoolRuleInput) input: SlotPoolRuleInput,
    @Ctx() ctx: GraphQLContext,
  ): Promise<SlotPoolRule> {
    const viewer = viewerOf(ctx);
    const departmentId = parseGlobalId(input.departmentId, 'Department', 'input.departmentId');
    validateRule(input);
    const quotas = (input.quotas ?? []).map((q, i) => ({
      ...q,
      institutionId: parseGlobalId(q.institutionId, 'Institution', `input.quotas[${i}].institutionId`),
    }));
    await writeTransaction(ctx, async (tx) => {
      const [department] = await rows<{ alliance_id: string }>(
        tx,
        'SELECT i.alliance_id FROM department d JOIN institution i ON i.id = d.institution_id WHERE d.id = ?',
        [departmentId],
      );
      if (!department || department.alliance_id !== viewer.allianceId) throw notFound('department');
      const [rule] = await rows<{ id: string }>(
        tx,
        `INSERT INTO slot_pool_rule (id, department_id, kind, first_slot_time, slot_minutes, slots_per_day, reserved_per_day,
           release_minutes_before_start, horizon_days, resources)
         VALUES (gen_random_uuid(), ?, ?, ?, ?, ?, ?, ?, ?, ?::text[])
         ON CONFLICT (department_id, kind) DO UPDATE SET first_slot_time = EXCLUDED.first_slot_time,
           slot_minutes = EXCLUDED.slot_minutes, slots_per_day = EXCLUDED.slots_per_day, reserved_per_day = EXCLUDED.reserved_per_day,
           release_minutes_before_start = EXCLUDED.release_minutes_before_start, horizon_days = EXCLUDED.horizon_days,
           resources = EXCLUDED.resources, updated_at = now()
         RETURNING id`,
        [
          departmentId,
          input.kind,
          input.firstSlotTime,
          input.slotMinutes,
          input.slotsPerDay,
          input.reservedPerDay,
          input.releaseMinutesBeforeStart ?? 120,
          input.horizonDays ?? 14,
          `{${input.resources.map((r) => JSON.stringify(r)).join(',')}}`,
        ],
      );
      if (input.quotas) {
        await tx.execute('DELETE FROM slot_quota WHERE rule_id = ?', [rule!.id]);
        for (const [i, quota] of quotas.entries()) {
          const [member] = await rows<{ alliance_id: string }>(
            tx,
            'SELECT alliance_id FROM institution WHERE id = ?',
            [quota.institutionId],
          );
          if (!member || member.alliance_id !== viewer.allianceId)
            throw badInput(`input.quotas[${i}].institutionId`, 'not a member of your alliance');
          await tx.execute('INSERT INTO slot_quota (rule_id, institution_id, per_day) VALUES (?, ?, ?)', [
            rule!.id,
            quota.institutionId,
            quota.perDay,
          ]);
        }
      }
    });
    await topUpSlots(ctx.em.fork(), ctx.services.clock);
    const [saved] = (await loadRules(ctx, departmentId)).filter((r) => r.kind === input.kind);
    return saved!;
  }

  @FieldResolver(() => Department)
  async department(@Root() rule: SlotPoolRule, @Ctx() ctx: GraphQLContext): Promise<Department> {
    return (await ctx.loaders.department.load(rule.departmentId))!;
  }
}

@Resolver(() => SlotQuota)
export class SlotQuotaResolver {
  @FieldResolver(() => Institution)
  async institution(@Root() quota: SlotQuota, @Ctx() ctx: GraphQLContext): Promise<Institution> {
    return (await ctx.loaders.institution.load(quota.institutionId))!;
  }
}
