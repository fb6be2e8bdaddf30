/**
 * The budget-performance chain (全过程预算绩效管理) and result application (结果应用): what other parts
 * of the hub use of this module. The resolvers are assembled by src/schema.ts only; who may see and do
 * what is src/policy/performance.ts.
 */
import {
  ApplicationRuleSet,
  BudgetDecision,
  MonitoringAction,
  MonitoringRecord,
  PerformanceTargetSet,
  PreAssessment,
  SelfEvaluation,
  SpotCheck,
  SpotCheckItem,
} from './performance.entity.js';

export const PERFORMANCE_ENTITIES = [
  PerformanceTargetSet,
  PreAssessment,
  MonitoringRecord,
  MonitoringAction,
  SelfEvaluation,
  SpotCheck,
  SpotCheckItem,
  ApplicationRuleSet,
  BudgetDecision,
];
export { performanceRules } from './performance.rules.js';
export { mountPerformanceRoutes } from './performance.http.js';
export { DEFAULT_RULES, propose } from './application.rules.js';
export { proposals } from './application.service.js';
export { INDICATOR_LIBRARY, projectKindOf, type Indicator } from './indicators.js';
export { drawSample, mulberry32 } from './spot-check.sample.js';
export { monitoringFlag } from './monitoring.flags.js';
export { dateText, fenToYuan, toFen } from './money-text.js';
