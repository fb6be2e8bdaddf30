import { Access, byRole, type TypeRules } from '../../policy/field-rules.js';
import { ARBITER_ROLES, RECOGNISING_ROLES, REGISTER_READER_ROLES } from '../../policy/recognition.js';

/**
 * The register is read by the oversight agencies and district leadership (rows scoped by
 * src/policy/recognition.ts); decisions and consultations are the agencies'; an escalated
 * consultation is concluded by the district government. The service checks the object-level rules.
 */
const READERS = byRole(
  'register-readers',
  'Oversight agencies and district leadership (监督部门、区政府).',
  REGISTER_READER_ROLES,
);
const AGENCIES = byRole('recognising-agency', 'Oversight agencies (监督部门).', RECOGNISING_ROLES);
const PARTIES_OR_ARBITER = byRole(
  'consultation-party-or-arbiter',
  'Oversight agencies (the parties) and the district government (区政府, once escalated).',
  [...RECOGNISING_ROLES, ...ARBITER_ROLES],
);

const visible = (fields: string[]) => Object.fromEntries(fields.map((f) => [f, Access.VISIBLE]));

export const recognitionRules: TypeRules = {
  Query: {
    recognitions: READERS,
    recognition: READERS,
    consultations: READERS,
    // groups are scoped by their members' row scope (policy: canSeeGroupMember)
    findingGroup: Access.OPEN,
    findingGroups: Access.OPEN,
    // suggestions come only from findings the viewer may see and read (finding-duplicates.repo.ts)
    findingDuplicates: Access.OPEN,
    inspectionPlanWarnings: READERS,
    coverage: READERS,
    coverageList: READERS,
  },
  Mutation: {
    recognitionRecord: AGENCIES,
    recognitionWithdraw: AGENCIES,
    consultationOpen: AGENCIES,
    consultationRespond: AGENCIES,
    consultationEscalate: AGENCIES,
    consultationConclude: PARTIES_OR_ARBITER,
    findingGroupLink: AGENCIES,
    findingGroupUnlink: AGENCIES,
    inspectionPlanRegister: AGENCIES,
    inspectionPlanJoin: AGENCIES,
    inspectionPlanLeave: AGENCIES,
  },
  // rows are scoped by the policy (the parties, agencies, leadership); every field of a visible row
  Recognition: visible([
    'id',
    'agency',
    'review',
    'finding',
    'targetAgency',
    'decision',
    'scope',
    'scopeFindings',
    'reason',
    'documentRef',
    'validFrom',
    'validUntil',
    'inEffect',
    'status',
    'supersedes',
    'supersededBy',
    'history',
    'decidedAt',
    'decidedBy',
    'endedAt',
    'withdrawReason',
    'consultations',
    'viewerCanWithdraw',
    'viewerCanOpenConsultation',
  ]),
  Consultation: visible([
    'id',
    'recognition',
    'recognisingAgency',
    'authorAgency',
    'openedBy',
    'question',
    'recognisingPosition',
    'authorPosition',
    'state',
    'escalatedTo',
    'escalationReason',
    'escalatedAt',
    'outcome',
    'concludedBy',
    'concludedAt',
    'steps',
    'version',
    'createdAt',
    'viewerCanRespond',
    'viewerCanEscalate',
    'viewerCanConclude',
  ]),
  ConsultationStep: visible(['at', 'type', 'actor', 'actorUser', 'text']),
  RecognitionConnection: visible(['edges', 'nodes', 'pageInfo', 'totalCount']),
  RecognitionEdge: visible(['cursor', 'node']),
  ConsultationConnection: visible(['edges', 'nodes', 'pageInfo', 'totalCount']),
  ConsultationEdge: visible(['cursor', 'node']),
  RecognitionPayload: visible(['recognition', 'userErrors']),
  ConsultationPayload: visible(['consultation', 'userErrors']),
  FindingGroup: visible([
    'id',
    'unit',
    'primary',
    'members',
    'agencies',
    'history',
    'dissolvedAt',
    'version',
    'createdAt',
  ]),
  FindingGroupMember: visible(['finding', 'isPrimary', 'linkedBy', 'linkedByUser', 'reason', 'linkedAt']),
  FindingGroupEvent: visible(['at', 'type', 'finding', 'actor', 'actorUser', 'reason']),
  FindingGroupConnection: visible(['edges', 'nodes', 'pageInfo', 'totalCount']),
  FindingGroupEdge: visible(['cursor', 'node']),
  FindingGroupPayload: visible(['group', 'userErrors']),
  DuplicateSuggestion: visible(['finding', 'score', 'textSimilarity', 'reasons']),
  // plans: the agencies' and leadership's (the discipline commission's own plans scoped by the policy)
  InspectionPlan: visible([
    'id',
    'agency',
    'planYear',
    'subjectKind',
    'unit',
    'project',
    'policy',
    'kind',
    'scope',
    'periodFrom',
    'periodTo',
    'months',
    'registeredBy',
    'createdAt',
    // joint inspections: the other plans are filtered by the plan policy (canSeePlan)
    'jointLead',
    'jointAt',
    'participants',
  ]),
  PlanWarning: visible(['kind', 'message', 'plan', 'otherPlan', 'recognition']),
  InspectionPlanPayload: visible(['plan', 'warnings', 'userErrors']),
  Coverage: visible([
    'subjectKind',
    'unit',
    'fromYear',
    'toYear',
    'reviews',
    'examinedBy',
    'plannedInspections',
  ]),
  // counts over the reviews the viewer may see (reviewRowScope in the repository)
  CoverageEntry: visible([
    'subjectKind',
    'unit',
    'project',
    'policy',
    'reviewCount',
    'agencyCount',
    'peakAgenciesInOneYear',
    'lastExaminedYear',
    'examinedBy',
  ]),
  CoverageEntryConnection: visible(['edges', 'nodes', 'pageInfo', 'totalCount']),
  CoverageEntryEdge: visible(['cursor', 'node']),
  // the decisions in force on a review, filtered by the register's row scope
  Review: { recognitions: Access.VISIBLE },
  // suggestions only from findings the viewer may see and read (finding-duplicates.repo.ts)
  ChangeEvent: { possibleDuplicates: Access.VISIBLE },
};
