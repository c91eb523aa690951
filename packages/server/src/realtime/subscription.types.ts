import { Field, ObjectType, registerEnumType } from 'type-graphql';
import { DateTime } from '../graphql/scalars.js';
import { BedAvailability } from '../modules/capacity/bed-availability.type.js';
import type { BedAvailabilityRow } from '../modules/capacity/bed-availability.read-model.js';
import { Bed } from '../modules/capacity/bed.entity.js';
import { Slot } from '../modules/capacity/slot.entity.js';
import { Referral } from '../modules/referral/referral.entity.js';
import type { RowView } from '../db/row-view.js';

/** What happened to a referral (the logged `referral.<type>` events). */
export enum ReferralEventType {
  CREATED = 'CREATED',
  ACCEPTED = 'ACCEPTED',
  REJECTED = 'REJECTED',
  REDIRECTED = 'REDIRECTED',
  SCHEDULED = 'SCHEDULED',
  ARRIVED = 'ARRIVED',
  COMPLETED = 'COMPLETED',
  CANCELLED = 'CANCELLED',
  EXPIRED = 'EXPIRED',
  CLAIMED = 'CLAIMED',
  /** Its reserved slot was released: the referral is back in the state it had before. */
  RELEASED = 'RELEASED',
}

registerEnumType(ReferralEventType, {
  name: 'ReferralEventType',
  description: 'What happened to a referral.',
});

const CURSOR_DESCRIPTION =
  'Where this event sits in the event log; pass the last cursor you received as `after` to resume without loss.';

@ObjectType('BedAvailabilityEvent', {
  description:
    'A bed changed: the availability row of its (institution, department, bed kind) as it is now, and the bed.',
})
export class BedAvailabilityEvent {
  @Field(() => String, { description: CURSOR_DESCRIPTION })
  cursor!: string;

  @Field(() => BedAvailability)
  availability!: BedAvailabilityRow;

  @Field(() => Bed, { nullable: true })
  bed!: Bed | null;
}

@ObjectType('ReferralEvent', {
  description: 'Something happened to a referral the viewer may read; `referral` is its state now.',
})
export class ReferralEvent {
  @Field(() => String, { description: CURSOR_DESCRIPTION })
  cursor!: string;

  @Field(() => ReferralEventType)
  type!: ReferralEventType;

  @Field(() => Referral)
  referral!: RowView<Referral>;

  @Field(() => DateTime, { description: 'When the change was made.' })
  at!: Date;
}

@ObjectType('SlotEvent', {
  description: 'A reserved slot changed (claimed, booked, released ...); `slot` is its state now.',
})
export class SlotEvent {
  @Field(() => String, { description: CURSOR_DESCRIPTION })
  cursor!: string;

  @Field(() => Slot)
  slot!: Slot;

  @Field(() => DateTime, { description: 'When the change was made.' })
  at!: Date;
}
