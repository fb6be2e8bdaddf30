import { Role } from '../../shared/enums.js';
import type { Viewer } from '../../auth/viewer.js';
import { Access, byRole, type FieldAccess, type TypeRules } from '../../policy/field-rules.js';
import { canSeeReferral } from '../../policy/referral.js';

const REFERRERS = [Role.AUDIT, Role.FINANCE, Role.REFORM];

/** The referring agency (its own referrals) and the commission; row scope already limits the type to them. */
const REFERRAL_PARTIES: FieldAccess = {
  name: 'referral-parties',
  explain: 'The referring agency (its own referrals) and the discipline commission.',
  forRole: (r: Role) => (r === Role.DISCIPLINE ? 'yes' : REFERRERS.includes(r) ? 'if the referrer' : 'no'),
  check: (v: Viewer, p: unknown) => canSeeReferral(v, p as { referrerId: number }),
};

export const referralRules: TypeRules = {
  Query: {
    clueReferrals: byRole('referral-parties', 'The referring agencies and the discipline commission.', [
      ...REFERRERS,
      Role.DISCIPLINE,
    ]),
    clueReferral: byRole('referral-parties', 'The referring agencies and the discipline commission.', [
      ...REFERRERS,
      Role.DISCIPLINE,
    ]),
  },
  Mutation: {
    clueReferralCreate: byRole('referrer', 'Audit, finance and development-reform agencies.', REFERRERS),
    clueReferralReturnStatus: Access.DISCIPLINE_ONLY,
  },
  ClueReferral: {
    id: REFERRAL_PARTIES,
    version: REFERRAL_PARTIES,
    documentNumber: REFERRAL_PARTIES,
    referredOn: REFERRAL_PARTIES,
    referrer: REFERRAL_PARTIES,
    findingIds: REFERRAL_PARTIES,
    facts: REFERRAL_PARTIES,
    status: REFERRAL_PARTIES,
    feedback: REFERRAL_PARTIES,
    statusUpdatedAt: REFERRAL_PARTIES,
    handlingNotes: Access.DISCIPLINE_ONLY,
  },
  ClueReferralPayload: { referral: Access.VISIBLE, userErrors: Access.VISIBLE },
};
