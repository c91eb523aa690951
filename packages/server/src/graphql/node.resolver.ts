import { Arg, Ctx, ID, Query, Resolver } from 'type-graphql';
import type { GraphQLContext } from './context.js';
import { viewerOf } from './context.js';
import { decodeGlobalId } from './global-id.js';
import { Node } from './node.js';

@Resolver()
export class NodeQueryResolver {
  @Query(() => Node, {
    nullable: true,
    description: 'Any object by global ID; null when it does not exist or the viewer may not read it.',
  })
  async node(@Arg('id', () => ID) id: string, @Ctx() ctx: GraphQLContext): Promise<object | null> {
    const viewer = viewerOf(ctx);
    const decoded = decodeGlobalId(id);
    if (!decoded) return null;
    const { loaders } = ctx;
    const inAlliance = async (institutionId: string | undefined) =>
      institutionId !== undefined &&
      (await loaders.institution.load(institutionId))?.alliance.id === viewer.allianceId;
    switch (decoded.type) {
      case 'Alliance':
        return decoded.id === viewer.allianceId ? loaders.alliance.load(decoded.id) : null;
      case 'Institution': {
        return (await inAlliance(decoded.id)) ? loaders.institution.load(decoded.id) : null;
      }
      case 'Department': {
        const department = await loaders.department.load(decoded.id);
        return department && (await inAlliance(department.institution.id)) ? department : null;
      }
      case 'Practitioner': {
        const practitioner = await loaders.practitioner.load(decoded.id);
        return practitioner && (await inAlliance(practitioner.institution.id)) ? practitioner : null;
      }
      case 'Bed': {
        const bed = await loaders.bed.load(decoded.id);
        return bed && (await inAlliance(bed.institution.id)) ? bed : null;
      }
      case 'Slot': {
        const slot = await loaders.slot.load(decoded.id);
        return slot && (await inAlliance(slot.institution.id)) ? slot : null;
      }
      case 'Referral':
        return loaders.referral.load(decoded.id);
      case 'Patient': {
        // A patient is readable through a referral the viewer may read.
        const involved = await loaders.institutionsInvolvedWithPatient.load(decoded.id);
        const readable = viewer.institutionId !== null && involved.has(viewer.institutionId);
        return readable ? loaders.patient.load(decoded.id) : null;
      }
    }
  }
}
