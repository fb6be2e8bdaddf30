/**
 * 问题线索移送: audit, finance and development-reform refer suspected violations of discipline or law
 * to the discipline commission (边审边移). One-way: the referring agency sees its own referrals with
 * the handling status and feedback the commission chooses to return (处置反馈), never the commission's
 * handling notes; the commission sees every referral (its incoming queue). Nobody else sees any.
 */
import type { Viewer } from '../auth/viewer.js';
import { Role } from '../shared/enums.js';

const REFERRING_ROLES: readonly Role[] = [Role.AUDIT, Role.FINANCE, Role.REFORM];

export const canRefer = (v: Viewer): boolean => REFERRING_ROLES.includes(v.role) && v.orgId !== null;

/** The discipline commission, which receives referrals and returns their status. */
export const isCommission = (v: Viewer): boolean => v.role === Role.DISCIPLINE && v.orgId !== null;

export const canSeeReferral = (v: Viewer, r: { referrerId: number }): boolean =>
  isCommission(v) || (canRefer(v) && v.orgId === r.referrerId);

/** Row scope as a filter for the repository: null = every referral, a number = that referrer's, false = none. */
export function referralScope(v: Viewer): null | number | false {
  if (isCommission(v)) return null;
  if (canRefer(v)) return v.orgId!;
  return false;
}
