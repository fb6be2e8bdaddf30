/**
 * Joint rectification supervision (整改共督): what other parts of the hub use of this module. The
 * GraphQL resolvers are not here: only src/schema.ts assembles them (rectification.resolver.ts).
 * Who may see and do what with a task is src/policy/rectification.ts.
 */
export {
  Evidence,
  Rectification,
  RectificationEvent,
  RectificationFinding,
  RectificationKind,
  RectificationState,
  RectificationSupervisor,
  VerificationConclusion,
} from './rectification.entity.js';
export type { RectificationFilter } from './rectification.types.js';
export { rectificationRules } from './rectification.rules.js';
export { loadVisibleTask } from './rectification.reads.js';
export { rectificationLoaders } from './rectification.loaders.js';
export { overdueSql, rectificationsByIds, type RectRow } from './rectification.repo.js';
export { summarise } from './rectification.summary.js';
export {
  describeFilter,
  ledgerFilterFromQuery,
  mountRectificationRoutes,
  type HttpDeps,
} from './rectification.http.js';
export { ledgerRows, writeLedgerXlsxTo } from './rectification.ledger.js';
export type { LedgerExportMeta, LedgerExportRow } from './ledger-export.js';
