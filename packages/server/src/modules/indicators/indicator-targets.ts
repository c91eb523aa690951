import { InstitutionKind, InstitutionTier } from '../../domain/enums.js';

/**
 * The national targets a member is judged by (国家医联体绩效考核): the share of its patients it may refer
 * out — county-level hospitals at most 10%, township centres at most 50% (central township centres
 * 45%; the demo has none) — and the average length of stay, at most 9 days in a secondary hospital
 * and 6 in primary care. An urban group's community centres are held to the township cap; the core
 * hospital has neither target.
 */
export function referralOutRateCap(tier: InstitutionTier, kind: InstitutionKind): number | null {
  if (tier === InstitutionTier.SECONDARY) return 0.1;
  if (kind === InstitutionKind.TOWNSHIP_HEALTH_CENTRE || kind === InstitutionKind.COMMUNITY_HEALTH_CENTRE)
    return 0.5;
  return null;
}

export function lengthOfStayTarget(tier: InstitutionTier): number | null {
  if (tier === InstitutionTier.SECONDARY) return 9;
  if (tier === InstitutionTier.PRIMARY) return 6;
  return null;
}
