import { randomUUID } from 'node:crypto';
import { Arg, ID, Resolver, Root, Subscription, type SubscribeResolverData } from 'type-graphql';
import { referralVisibility } from '../domain/access-policy.js';
import { forbidden } from '../domain/errors.js';
import { createContext, viewerOf, type GraphQLContext } from '../graphql/context.js';
import { parseGlobalId } from '../graphql/global-id.js';
import type { Bed } from '../modules/capacity/bed.entity.js';
import { rootFieldRefusal } from '../modules/identity/api-scopes.js';
import type { Viewer } from '../modules/identity/viewer.js';
import { parseCursorArgument } from './cursor.js';
import { lazyContext, type KnownRows } from './event-context.js';
import { Delivery, EventStream, type StreamSpec } from './event-stream.js';
import type { LoggedEvent } from './event-log.js';
import { CloseCodes, closeReason, connectionOf, realtimeOf, type Realtime } from './realtime.js';
import { BedAvailabilityEvent, ReferralEvent, ReferralEventType, SlotEvent } from './subscription.types.js';

type Args = Record<string, unknown>;

const REFERRAL_EVENT_TYPES = new Map<string, ReferralEventType>(
  Object.values(ReferralEventType).map((type) => [`referral.${type}`, type]),
);

/**
 * A fresh context for one event: its own entity-manager fork and loaders (made when first used), the
 * subscriber's viewer, and the alliance-wide rows the shared read already has.
 */
type FreshContext = (known?: KnownRows) => GraphQLContext;

function optionalId(args: Args, name: string, type: 'Institution' | 'Department'): string | undefined {
  const value = args[name];
  return typeof value === 'string' && value !== '' ? parseGlobalId(value, type, name) : undefined;
}

function bedSpec(viewer: Viewer, args: Args, fresh: FreshContext): StreamSpec<BedAvailabilityEvent> {
  const allianceId = parseGlobalId(String(args.allianceId), 'Alliance', 'allianceId');
  if (allianceId !== viewer.allianceId)
    throw forbidden('you may follow the bed availability of your own alliance only');
  const institutionId = optionalId(args, 'institutionId', 'Institution');
  return {
    aggregateType: 'Bed',
    history: { allianceId, ownerInstitutionId: institutionId },
    accepts: (event) => event.allianceId === allianceId,
    async resolve(event, state) {
      const bundle = await state.bed.load(event.aggregateId);
      if (!bundle?.availability || (institutionId && bundle.bed.institution_id !== institutionId))
        return null;
      const ctx = fresh({
        bed: [bundle.bed],
        institution: [bundle.institution],
        department: [bundle.department],
      });
      const { availability } = bundle;
      const id = bundle.bed.id;
      // The bed becomes an entity only if the subscriber's selection asks for it.
      return new Delivery(ctx, {
        cursor: event.cursorString,
        availability,
        get bed() {
          return ctx.loaders.bed.load(id) as unknown as Bed;
        },
      });
    },
  };
}

function slotSpec(viewer: Viewer, args: Args, fresh: FreshContext): StreamSpec<SlotEvent> {
  const departmentId = optionalId(args, 'departmentId', 'Department');
  const institutionId = optionalId(args, 'institutionId', 'Institution');
  const allianceId = viewer.allianceId;
  return {
    aggregateType: 'Slot',
    history: { allianceId, ownerInstitutionId: institutionId, ownerDepartmentId: departmentId },
    accepts: (event) => event.allianceId === allianceId,
    async resolve(event, state) {
      const bundle = await state.slot.load(event.aggregateId);
      if (!bundle) return null;
      if (departmentId && bundle.slot.department_id !== departmentId) return null;
      if (institutionId && bundle.slot.institution_id !== institutionId) return null;
      const ctx = fresh({
        slot: [bundle.slot],
        institution: [bundle.institution],
        department: [bundle.department],
      });
      const slot = await ctx.loaders.slot.load(bundle.slot.id);
      if (!slot) return null;
      return new Delivery(ctx, { cursor: event.cursorString, slot, at: event.occurredAt });
    },
  };
}

function referralSpec(viewer: Viewer, args: Args, fresh: FreshContext): StreamSpec<ReferralEvent> {
  const visibility = referralVisibility(viewer);
  if (visibility.kind === 'none') throw forbidden('your role receives no referral events');
  const institutionId = optionalId(args, 'institutionId', 'Institution');
  const departmentId = optionalId(args, 'departmentId', 'Department');
  // What the logged columns can tell before anything is read: the arguments, and the viewer's scope
  // where it is a column (a specialist may also read referrals assigned to them: those are checked
  // per event only).
  const institutions = [
    institutionId,
    visibility.kind === 'institution' ? visibility.institutionId : undefined,
  ];
  const departments = [
    departmentId,
    visibility.kind === 'department' && !visibility.practitionerId ? visibility.departmentId : undefined,
  ];
  const institutionIds = institutions.filter((id): id is string => id !== undefined);
  const departmentIds = departments.filter((id): id is string => id !== undefined);
  const allianceId = viewer.allianceId;
  return {
    aggregateType: 'Referral',
    history: { allianceId, institutionIds, departmentIds },
    accepts: (event: LoggedEvent) =>
      event.allianceId === allianceId &&
      REFERRAL_EVENT_TYPES.has(event.type) &&
      institutionIds.every((id) => event.institutionIds.includes(id)) &&
      departmentIds.every((id) => event.departmentIds.includes(id)),
    async resolve(event, state) {
      const type = REFERRAL_EVENT_TYPES.get(event.type);
      if (!type) return null;
      const [institutions, departments] = await Promise.all([
        state.institution.loadMany(event.institutionIds),
        state.department.loadMany(event.departmentIds),
      ]);
      const ctx = fresh({ institution: institutions, department: departments });
      // The scoped loader: a referral this viewer may not read (now) loads as null, and is not sent.
      const referral = await ctx.loaders.referral.load(event.aggregateId);
      if (!referral) return null;
      return new Delivery(ctx, { cursor: event.cursorString, type, referral, at: event.occurredAt });
    },
  };
}

async function openStream<T>(
  data: SubscribeResolverData<unknown, Args, GraphQLContext>,
  build: (viewer: Viewer, args: Args, fresh: FreshContext) => StreamSpec<T>,
): Promise<EventStream<T>> {
  const ctx = data.context;
  const viewer = viewerOf(ctx);
  if (viewer.apiKey) {
    const refusal = rootFieldRefusal(viewer.apiKey.scopes, `Subscription.${data.info.fieldName}`, data.args);
    if (refusal) throw forbidden(refusal);
  }
  const realtime: Realtime = realtimeOf(ctx);
  const after =
    typeof data.args.after === 'string' && data.args.after !== ''
      ? parseCursorArgument(data.args.after)
      : null;
  const fresh: FreshContext = (known) =>
    lazyContext(
      () => createContext(realtime.rootEm, viewer, ctx.services, randomUUID(), ctx.ip),
      viewer,
      ctx.services,
      ctx.ip,
      known,
    );
  const { after: _after, ...filters } = data.args;
  // Who the events are resolved for: the same user, scope and arguments resolve an event identically.
  const shareKey = JSON.stringify([
    data.info.fieldName,
    viewer.userId,
    viewer.role,
    viewer.allianceId,
    viewer.institutionId,
    viewer.departmentId,
    viewer.practitionerId,
    // Each key's deliveries are its own, so audit entries name the key that received the data.
    viewer.apiKey?.id ?? null,
    filters,
  ]);
  const spec = { ...build(viewer, data.args, fresh), shareKey };
  const connection = connectionOf(ctx);
  const { options, logger } = realtime;
  const stream = new EventStream(realtime.relay, spec, {
    after,
    maxBuffered: options.maxBufferedEvents,
    replayPageSize: options.replayPageSize,
    onOverflow(resume) {
      logger.warn({ user: viewer.username, resume }, 'subscriber too slow; closing its socket');
      connection?.socket.close(
        CloseCodes.TryAgainLater,
        closeReason(
          resume
            ? `slow consumer; resume with after=${resume}`
            : 'slow consumer; refetch and subscribe again',
        ),
      );
    },
    onFailure(resume, error) {
      logger.error(
        { err: error, user: viewer.username, resume },
        'subscription event failed; closing its socket',
      );
      connection?.socket.close(
        CloseCodes.TryAgainLater,
        closeReason(
          resume ? `temporarily unavailable; resume with after=${resume}` : 'temporarily unavailable',
        ),
      );
    },
  });
  await stream.verifyCursor(options.retentionDays);
  return stream;
}

/**
 * The contract's subscriptions. Each `subscribe` opens an {@link EventStream}; each delivered event is
 * executed with the fresh context it carries (see ws-server.ts), so the root value here is a Delivery.
 */
@Resolver()
export class RealtimeSubscriptionResolver {
  @Subscription(() => BedAvailabilityEvent, {
    description:
      'Bed changes of the alliance (optionally of one institution), each with the availability row it moved. ' +
      'With `after`, first replays what happened after that cursor.',
    subscribe: (data) => openStream(data, bedSpec),
  })
  bedAvailabilityChanged(
    @Arg('allianceId', () => ID) _allianceId: string,
    @Arg('institutionId', () => ID, { nullable: true }) _institutionId: string | null,
    @Arg('after', () => String, { nullable: true }) _after: string | null,
    @Root() delivery: Delivery<BedAvailabilityEvent>,
  ): BedAvailabilityEvent {
    return delivery.value;
  }

  @Subscription(() => ReferralEvent, {
    description:
      'Events of the referrals the viewer may read (optionally involving one institution or to one department). ' +
      'With `after`, first replays what happened after that cursor.',
    subscribe: (data) => openStream(data, referralSpec),
  })
  referralEvents(
    @Arg('institutionId', () => ID, { nullable: true }) _institutionId: string | null,
    @Arg('departmentId', () => ID, { nullable: true }) _departmentId: string | null,
    @Arg('after', () => String, { nullable: true }) _after: string | null,
    @Root() delivery: Delivery<ReferralEvent>,
  ): ReferralEvent {
    return delivery.value;
  }

  @Subscription(() => SlotEvent, {
    description:
      'Changes of the reserved slots of the alliance (optionally of one department or institution). ' +
      'With `after`, first replays what happened after that cursor.',
    subscribe: (data) => openStream(data, slotSpec),
  })
  slotEvents(
    @Arg('departmentId', () => ID, { nullable: true }) _departmentId: string | null,
    @Arg('institutionId', () => ID, { nullable: true }) _institutionId: string | null,
    @Arg('after', () => String, { nullable: true }) _after: string | null,
    @Root() delivery: Delivery<SlotEvent>,
  ): SlotEvent {
    return delivery.value;
  }
}

/**
 * TypeGraphQL refuses to build a schema with subscriptions unless a PubSub is given, even when every
 * subscription brings its own `subscribe` (ours do). This one only satisfies that check.
 */
export const UNUSED_PUBSUB = {
  publish(): void {
    throw new Error('Yilian subscriptions read the event log; nothing publishes to a PubSub');
  },
  subscribe(): AsyncIterable<unknown> {
    throw new Error('Yilian subscriptions read the event log; nothing subscribes to a PubSub');
  },
};
