/**
 * 问题线索移送 (clue referral to the discipline commission): one-way; the referrer sees the status the
 * commission returns. Resolvers are assembled by src/schema.ts; who sees what is src/policy/referral.ts.
 */
export { ClueReferral, ClueReferralFinding, ReferralStatus } from './referral.entity.js';
export { referralRules } from './referral.rules.js';
