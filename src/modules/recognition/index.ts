/**
 * Mutual recognition (结果互认): what other parts of the hub use of this module. The GraphQL resolvers
 * are not here: only src/schema.ts assembles them (recognition.resolver.ts). Who may see and do what
 * is src/policy/recognition.ts.
 */
export {
  Consultation,
  ConsultationState,
  FindingGroup,
  FindingGroupEvent,
  FindingGroupMember,
  InspectionKind,
  InspectionPlan,
  Recognition,
  RecognitionDecision,
  RecognitionScopeItem,
  RecognitionStatus,
} from './recognition.entity.js';
export { recognitionRules } from './recognition.rules.js';
export { recognitionLoaders } from './recognition.loaders.js';
export {
  loadVisibleConsultation,
  loadVisibleGroup,
  loadVisiblePlan,
  loadVisibleRecognition,
} from './recognition.reads.js';
export { visibleMemberIdsOfGroups } from './finding-group.repo.js';
// the workflows, for the demo data set (src/seed/recognition-demo.ts)
export {
  escalateConsultation,
  openConsultation,
  recordRecognition,
  respondConsultation,
} from './recognition.service.js';
export { linkFindings } from './finding-group.service.js';
export { joinPlan, registerPlan } from './inspection-plan.service.js';
