import { ReferralUrgency } from '../../domain/enums.js';

/** How long a receiver has to answer, per urgency; configured per alliance. */
export interface AnswerTimes {
  answerMinutesEmergency: number;
  answerMinutesUrgent: number;
  answerMinutesRoutine: number;
}

/** When the receiver must have answered a referral created at `createdAt` (green channel: 30 min by default). */
export function answerDeadline(times: AnswerTimes, urgency: ReferralUrgency, createdAt: Date): Date {
  const minutes =
    urgency === ReferralUrgency.EMERGENCY
      ? times.answerMinutesEmergency
      : urgency === ReferralUrgency.URGENT
        ? times.answerMinutesUrgent
        : times.answerMinutesRoutine;
  return new Date(createdAt.getTime() + minutes * 60_000);
}

/** Queue order: emergency (green channel) first, then urgent, then routine. */
export function urgencyPriority(urgency: ReferralUrgency): number {
  return urgency === ReferralUrgency.EMERGENCY ? 0 : urgency === ReferralUrgency.URGENT ? 1 : 2;
}
