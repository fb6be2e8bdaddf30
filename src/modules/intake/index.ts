/**
 * Ledger intake (台账接入): matching a ledger's units and projects to the hub's records, aliases of
 * units (单位别称) and agencies' import profiles (导入方案). The resolvers are assembled only by
 * src/schema.ts (intake.resolver.ts); who may do what is src/policy/intake.ts.
 */
export { ImportProfile, OrganizationAlias, ProjectAlias } from './intake.entity.js';
export {
  matchEvaluators,
  matchSubjects,
  type MatchCandidate,
  type MatchProblem,
  type MatchResult,
  type MatchRule,
  type RowMatch,
} from './matcher.js';
export { profileForImport } from './intake.service.js';
export { intakeRules } from './intake.rules.js';
