import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Ctx, FieldResolver, ID, Info, Int, Query, Resolver, Root } from 'type-graphql';
import { mayIdentifyPatient } from '../../domain/access-policy.js';
import { notFound } from '../../domain/errors.js';
import type { GraphQLContext } from '../../graphql/context.js';
import { viewerOf } from '../../graphql/context.js';
import { parseGlobalId } from '../../graphql/global-id.js';
import { NodeResolver } from '../../graphql/node-resolver.js';
import {
  connectionTypes,
  decodeCursor,
  pageSize,
  toConnection,
  type Connection,
} from '../../graphql/pagination.js';
import { rootFieldOf } from '../audit/audit-trail.js';
import { Department } from '../alliance/department.entity.js';
import { Institution } from '../alliance/institution.entity.js';
import { Bed } from '../capacity/bed.entity.js';
import { Slot } from '../capacity/slot.entity.js';
import { Patient } from '../patient/patient.entity.js';
import { Practitioner } from '../workforce/practitioner.entity.js';
import { Referral } from './referral.entity.js';
import { ReferralTimelineEntry } from './referral-timeline.js';
import { ReferralFilter } from './referral.inputs.js';
import { ReferralReadModel, type ReferralQuery } from './referral.read-model.js';
import type { RowView } from '../../db/row-view.js';

export const { ConnectionType: ReferralConnection } = connectionTypes('Referral', Referral);

function toQuery(filter: ReferralFilter | null): ReferralQuery {
  if (!filter) return {};
  const id = (value: string | null | undefined, type: 'Institution' | 'Department', field: string) =>
    value ? parseGlobalId(value, type, `filter.${field}`) : undefined;
  return {
    status: filter.status ?? undefined,
    direction: filter.direction ?? undefined,
    urgency: filter.urgency ?? undefined,
    toInstitutionId: id(filter.toInstitutionId, 'Institution', 'toInstitutionId'),
    toDepartmentId: id(filter.toDepartmentId, 'Department', 'toDepartmentId'),
    fromInstitutionId: id(filter.fromInstitutionId, 'Institution', 'fromInstitutionId'),
  };
}

@Resolver(() => Referral)
export class ReferralResolver extends NodeResolver('Referral', Referral) {
  @Query(() => Referral, {
    nullable: true,
    description: 'One referral the viewer may read; NOT_FOUND otherwise.',
  })
  async referral(
    @Arg('id', () => ID) id: string,
    @Ctx() ctx: GraphQLContext,
  ): Promise<RowView<Referral> | null> {
    const referral = await ctx.loaders.referral.load(parseGlobalId(id, 'Referral', 'id'));
    if (!referral) throw notFound('referral');
    return referral;
  }

  @Query(() => ReferralConnection, {
    description:
      'Referrals the viewer may read, in queue order: green channel first, then by deadline (dueBy).',
  })
  async referrals(
    @Arg('filter', () => ReferralFilter, { nullable: true }) filter: ReferralFilter | null,
    @Arg('first', () => Int, { nullable: true }) first: number | null,
    @Arg('after', () => String, { nullable: true }) after: string | null,
    @Ctx() ctx: GraphQLContext,
  ): Promise<Connection<Referral>> {
    const limit = pageSize(first);
    const position = decodeCursor(after, ['number', 'string', 'string'] as const);
    const query = toQuery(filter);
    const readModel = new ReferralReadModel(ctx.em, viewerOf(ctx));
    const [rows, totalCount] = await Promise.all([
      readModel.page(query, limit, position),
      readModel.count(query),
    ]);
    for (const row of rows) ctx.loaders.referral.prime(row.referral.id, row.referral);
    return toConnection(
      rows,
      limit,
      totalCount,
      (row) => row.referral,
      (row) => row.position,
    );
  }

  @FieldResolver(() => Patient)
  async patient(@Root() referral: RowView<Referral>, @Ctx() ctx: GraphQLContext): Promise<Patient> {
    // Should the name be shown, the audit entry lists the referral it was read through.
    ctx.audit.reached(referral.id, referral.patient.id);
    return (await ctx.loaders.patient.load(referral.patient.id))!;
  }

  @FieldResolver(() => Institution)
  async fromInstitution(
    @Root() referral: RowView<Referral>,
    @Ctx() ctx: GraphQLContext,
  ): Promise<Institution> {
    return (await ctx.loaders.institution.load(referral.fromInstitution.id))!;
  }

  @FieldResolver(() => Practitioner, { nullable: true, description: 'The referring doctor.' })
  async fromPractitioner(
    @Root() referral: RowView<Referral>,
    @Ctx() ctx: GraphQLContext,
  ): Promise<Practitioner | null> {
    return referral.fromPractitioner ? ctx.loaders.practitioner.load(referral.fromPractitioner.id) : null;
  }

  @FieldResolver(() => Institution)
  async toInstitution(@Root() referral: RowView<Referral>, @Ctx() ctx: GraphQLContext): Promise<Institution> {
    return (await ctx.loaders.institution.load(referral.toInstitution.id))!;
  }

  @FieldResolver(() => Department, { nullable: true })
  async toDepartment(
    @Root() referral: RowView<Referral>,
    @Ctx() ctx: GraphQLContext,
  ): Promise<Department | null> {
    return referral.toDepartment ? ctx.loaders.department.load(referral.toDepartment.id) : null;
  }

  @FieldResolver(() => String, {
    nullable: true,
    description: 'History, records and findings; only for the sending and receiving institutions.',
  })
  clinicalSummary(
    @Root() referral: RowView<Referral>,
    @Ctx() ctx: GraphQLContext,
    @Info() info: GraphQLResolveInfo,
  ): string | null {
    const involved = new Set([referral.fromInstitution.id, referral.toInstitution.id]);
    if (!mayIdentifyPatient(viewerOf(ctx), involved) || !referral.clinicalSummary) return null;
    ctx.audit.identified(rootFieldOf(info), referral.patient.id, referral.id);
    return referral.clinicalSummary;
  }

  @FieldResolver(() => Slot, {
    nullable: true,
    description: 'The reserved slot the referral is booked into.',
  })
  async slot(@Root() referral: RowView<Referral>, @Ctx() ctx: GraphQLContext): Promise<Slot | null> {
    return ctx.loaders.slotByReferral.load(referral.id);
  }

  @FieldResolver(() => Bed, { nullable: true, description: 'The bed held for or occupied by the patient.' })
  async bed(@Root() referral: RowView<Referral>, @Ctx() ctx: GraphQLContext): Promise<Bed | null> {
    return ctx.loaders.bedByReferral.load(referral.id);
  }

  @FieldResolver(() => [ReferralTimelineEntry], {
    description: 'Who did what, when, in order (可追踪、可监管).',
  })
  async timeline(
    @Root() referral: RowView<Referral>,
    @Ctx() ctx: GraphQLContext,
  ): Promise<ReferralTimelineEntry[]> {
    return ctx.loaders.timeline.load(referral.id);
  }

  @FieldResolver(() => Referral, {
    nullable: true,
    description: 'The referral this one continues (a down-referral’s up-referral).',
  })
  async parentReferral(
    @Root() referral: RowView<Referral>,
    @Ctx() ctx: GraphQLContext,
  ): Promise<RowView<Referral> | null> {
    return referral.parentReferral ? ctx.loaders.referral.load(referral.parentReferral.id) : null;
  }

  @FieldResolver(() => [Referral], {
    description: 'The referrals that continue this one, e.g. its down-referral.',
  })
  async downReferrals(@Root() referral: RowView<Referral>, @Ctx() ctx: GraphQLContext): Promise<Referral[]> {
    return ctx.loaders.followUps.load(referral.id);
  }

  @FieldResolver(() => Practitioner, { nullable: true })
  async assignedSpecialist(
    @Root() referral: RowView<Referral>,
    @Ctx() ctx: GraphQLContext,
  ): Promise<Practitioner | null> {
    return referral.assignedSpecialist ? ctx.loaders.practitioner.load(referral.assignedSpecialist.id) : null;
  }
}
