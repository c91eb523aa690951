import {
  REFERRAL_DIRECTIONS,
  REFERRAL_STATUSES,
  type ReferralDirection,
  type ReferralStatus,
} from '../../graphql/enums';

/**
 * The queue's filters, kept in the address (`?status=open&to=…`), so a wall screen can be set up once
 * and bookmarked, and the back button works. Pure, unit-tested.
 */
export interface QueueFilters {
  /** `open` (still in progress), `all`, or one status. */
  status: 'open' | 'all' | ReferralStatus;
  direction: ReferralDirection | '';
  /** Receiving member, its department, and sending member (global IDs); '' = any. */
  to: string;
  department: string;
  from: string;
}

export const OPEN_STATUSES: ReferralStatus[] = ['SUBMITTED', 'ACCEPTED', 'SCHEDULED', 'ARRIVED'];

const isStatus = (value: string): value is ReferralStatus =>
  (REFERRAL_STATUSES as readonly string[]).includes(value);
const isDirection = (value: string): value is ReferralDirection =>
  (REFERRAL_DIRECTIONS as readonly string[]).includes(value);

export function parseFilters(search: string): QueueFilters {
  const params = new URLSearchParams(search);
  const status = params.get('status') ?? 'open';
  const direction = params.get('dir') ?? '';
  const to = params.get('to') ?? '';
  return {
    status: status === 'all' || isStatus(status) ? status : 'open',
    direction: isDirection(direction) ? direction : '',
    to,
    // A department belongs to a member: without the member it means nothing.
    department: to ? (params.get('dept') ?? '') : '',
    from: params.get('from') ?? '',
  };
}

export function formatFilters(filters: QueueFilters): string {
  const params = new URLSearchParams();
  if (filters.status !== 'open') params.set('status', filters.status);
  if (filters.direction) params.set('dir', filters.direction);
  if (filters.to) params.set('to', filters.to);
  if (filters.to && filters.department) params.set('dept', filters.department);
  if (filters.from) params.set('from', filters.from);
  return params.toString();
}

/** The server's `ReferralFilter` for these filters. */
export function toReferralFilter(filters: QueueFilters) {
  return {
    status: filters.status === 'open' ? OPEN_STATUSES : filters.status === 'all' ? null : [filters.status],
    direction: filters.direction || null,
    toInstitutionId: filters.to || null,
    toDepartmentId: filters.department || null,
    fromInstitutionId: filters.from || null,
  };
}
