import 'reflect-metadata';
import { lexicographicSortSchema, printSchema, type GraphQLSchema } from 'graphql';
import { buildSchema, type NonEmptyArray } from 'type-graphql';
import { AllianceResolver, InstitutionResolver } from '../modules/alliance/alliance.resolver.js';
import { DepartmentResolver } from '../modules/alliance/department.resolver.js';
import { BedAvailabilityResolver } from '../modules/capacity/bed-availability.type.js';
import { BedResolver } from '../modules/capacity/bed.resolver.js';
import { CapacityMutations } from '../modules/capacity/capacity.resolver.js';
import { SlotPoolResolver, SlotQuotaResolver } from '../modules/capacity/slot-pool.resolver.js';
import { SlotResolver } from '../modules/capacity/slot.resolver.js';
import { AuditResolver } from '../modules/audit/audit.resolver.js';
import { ApiKeyResolver } from '../modules/identity/api-key.resolver.js';
import { AuthResolver } from '../modules/identity/auth.resolver.js';
import { DailyActivityResolver, IndicatorsResolver } from '../modules/indicators/indicators.resolver.js';
import { PatientResolver } from '../modules/patient/patient.resolver.js';
import { GuidanceResolver } from '../modules/referral/guidance.js';
import { ReferralTimelineResolver } from '../modules/referral/referral-timeline.js';
import { ReferralMutations } from '../modules/referral/referral.mutations.js';
import { ReferralResolver } from '../modules/referral/referral.resolver.js';
import { DutyShiftResolver } from '../modules/workforce/duty-shift.type.js';
import { PractitionerResolver } from '../modules/workforce/practitioner.resolver.js';
import { EventCursorResolver } from '../realtime/event-cursor.resolver.js';
import { RealtimeSubscriptionResolver, UNUSED_PUBSUB } from '../realtime/subscriptions.resolver.js';
import { guardOperations } from './operation-guard.js';
import { registerEnums } from './enums.js';
import { NodeQueryResolver } from './node.resolver.js';

const RESOLVERS: NonEmptyArray<Function> = [
  AuthResolver,
  NodeQueryResolver,
  AllianceResolver,
  InstitutionResolver,
  DepartmentResolver,
  BedResolver,
  BedAvailabilityResolver,
  SlotResolver,
  PractitionerResolver,
  DutyShiftResolver,
  PatientResolver,
  ReferralResolver,
  ReferralMutations,
  GuidanceResolver,
  IndicatorsResolver,
  DailyActivityResolver,
  ReferralTimelineResolver,
  CapacityMutations,
  SlotPoolResolver,
  SlotQuotaResolver,
  RealtimeSubscriptionResolver,
  ApiKeyResolver,
  AuditResolver,
  EventCursorResolver,
];

let built: Promise<GraphQLSchema> | undefined;

/** The executable schema, built once per process from the decorated classes. */
export function buildYilianSchema(): Promise<GraphQLSchema> {
  built ??= (async () => {
    registerEnums();
    const schema = await buildSchema({
      resolvers: RESOLVERS,
      pubSub: UNUSED_PUBSUB,
      // Argument validation is explicit in the domain (clear messages naming the field).
      validate: false,
      emitSchemaFile: false,
    });
    return guardOperations(schema);
  })();
  return built;
}

/** The SDL checked in as schema.graphql: sorted, so diffs show real changes only. */
export async function printYilianSchema(): Promise<string> {
  return printSchema(lexicographicSortSchema(await buildYilianSchema())) + '\n';
}
