import type { EntityManager } from '@mikro-orm/postgresql';
import { Arg, Ctx, Field, Mutation, ObjectType, Query, Resolver } from 'type-graphql';
import { ReferralDirection } from '../../domain/enums.js';
import { badInput } from '../../domain/errors.js';
import { icd10Category, icd10Name, isKnownIcd10 } from '../../domain/identifiers/icd10.js';
import type { GraphQLContext } from '../../graphql/context.js';
import { viewerOf } from '../../graphql/context.js';
import { rows, writeTransaction } from '../shared/write.js';

/**
 * A starting catalogue of conditions primary care manages (分级诊疗目录), from the national tiered-care
 * guidance: hypertension, type 2 diabetes, stable COPD and chronic ischaemic heart disease, common
 * infections and musculoskeletal complaints. Each alliance edits its own.
 */
export const DEFAULT_PRIMARY_CARE_CONDITIONS = [
  'I10',
  'E11',
  'E78',
  'J44',
  'I25',
  'J06',
  'J20',
  'K29',
  'M54',
  'N39',
  'M17',
  'F32',
];

@ObjectType('PrimaryCareCondition', {
  description: 'A condition of the alliance’s primary-care catalogue (分级诊疗目录).',
})
export class PrimaryCareCondition {
  @Field(() => String, { description: 'ICD-10 category, e.g. I10.' })
  code!: string;

  @Field(() => String)
  name!: string;
}

/** The warning an up-referral for a catalogue condition carries, or null. */
export async function guidanceWarning(
  tx: EntityManager,
  allianceId: string,
  direction: ReferralDirection,
  diagnosisCode: string,
): Promise<string | null> {
  if (direction !== ReferralDirection.UPWARD) return null;
  const category = icd10Category(diagnosisCode);
  const found = await rows(
    tx,
    'SELECT 1 FROM primary_care_condition WHERE alliance_id = ? AND icd10_category = ?',
    [allianceId, category],
  );
  if (found.length === 0) return null;
  return `${category} ${icd10Name(diagnosisCode) ?? ''} is managed in primary care under the alliance's tiered-care catalogue (分级诊疗目录); refer up only when it is complicated or unstable (避免盲目转诊).`;
}

export async function seedPrimaryCareConditions(em: EntityManager, allianceId: string): Promise<void> {
  for (const code of DEFAULT_PRIMARY_CARE_CONDITIONS) {
    await em.execute(
      'INSERT INTO primary_care_condition (alliance_id, icd10_category) VALUES (?, ?) ON CONFLICT DO NOTHING',
      [allianceId, code],
    );
  }
}

@Resolver()
export class GuidanceResolver {
  @Query(() => [PrimaryCareCondition], {
    description: 'The alliance’s primary-care catalogue (分级诊疗目录).',
  })
  async primaryCareConditions(@Ctx() ctx: GraphQLContext): Promise<PrimaryCareCondition[]> {
    const codes = await rows<{ icd10_category: string }>(
      ctx.em,
      'SELECT icd10_category FROM primary_care_condition WHERE alliance_id = ? ORDER BY icd10_category',
      [viewerOf(ctx).allianceId],
    );
    return codes.map((c) => ({
      code: c.icd10_category,
      name: icd10Name(c.icd10_category) ?? c.icd10_category,
    }));
  }

  @Mutation(() => [PrimaryCareCondition], {
    description: 'Replaces the primary-care catalogue (coordinator only).',
  })
  async setPrimaryCareConditions(
    @Arg('codes', () => [String]) codes: string[],
    @Ctx() ctx: GraphQLContext,
  ): Promise<PrimaryCareCondition[]> {
    const viewer = viewerOf(ctx);
    if (codes.length > 500) throw badInput('codes', 'at most 500 conditions');
    const categories = codes.map((code, i) => {
      const category = icd10Category(code.trim().toUpperCase());
      if (!category || !isKnownIcd10(category))
        throw badInput(`codes[${i}]`, `${code} is not a known ICD-10 category`);
      return category;
    });
    await writeTransaction(ctx, async (tx) => {
      await tx.execute('DELETE FROM primary_care_condition WHERE alliance_id = ?', [viewer.allianceId]);
      for (const category of new Set(categories)) {
        await tx.execute('INSERT INTO primary_care_condition (alliance_id, icd10_category) VALUES (?, ?)', [
          viewer.allianceId,
          category,
        ]);
      }
    });
    return this.primaryCareConditions(ctx);
  }
}
