import { Access, byRole, RoleAccess, type TypeRules } from '../../policy/field-rules.js';
import { TASK_SUPERVISOR_ROLES, TASK_UNIT_ROLES } from '../../policy/rectification.js';

/**
 * Units act on their own tasks; agencies supervise (the role sets of src/policy/rectification.ts).
 * Which task, and which transition, the service decides with the same policy's predicates.
 */
const UNIT_OR_AGENCY = byRole(
  'unit-or-agency',
  'Budget units (for their own tasks) and oversight agencies.',
  [...TASK_UNIT_ROLES, ...TASK_SUPERVISOR_ROLES],
);
const UNIT_ONLY = byRole('unit', 'Budget units, for their own tasks (责任单位).', TASK_UNIT_ROLES);

export const rectificationRules: TypeRules = {
  Query: { rectification: Access.OPEN, rectifications: RoleAccess.AUTHENTICATED },
  Subscription: { rectificationChanged: RoleAccess.AUTHENTICATED },
  Mutation: {
    rectificationCreate: RoleAccess.AGENCY,
    rectificationStart: UNIT_ONLY,
    rectificationReport: UNIT_ONLY,
    rectificationSubmit: UNIT_ONLY,
    rectificationExtensionRequest: UNIT_ONLY,
    rectificationVerify: UNIT_OR_AGENCY,
    rectificationExtensionDecide: RoleAccess.AGENCY,
    rectificationReopen: RoleAccess.AGENCY,
    rectificationRemind: RoleAccess.AGENCY,
    rectificationEscalate: RoleAccess.AGENCY,
  },
  // rows are scoped to supervisors, the unit, the commission and leadership
  Rectification: Object.fromEntries(
    [
      'id',
      'unit',
      'lead',
      'supervisors',
      'findings',
      'kind',
      'measures',
      'deadline',
      'nextMilestone',
      'state',
      'overdue',
      'daysOverdue',
      'submissionNo',
      'conclusion',
      'approvedBy',
      'awaitingVerification',
      'extensionRequested',
      'moneyRecovered',
      'moneyBreakdown',
      'progress',
      'evidence',
      'timeline',
      'version',
      'createdAt',
      'closedAt',
      'viewerCanReport',
      'viewerCanSubmit',
      'viewerCanVerify',
      'viewerCanReopen',
      'viewerCanDecideExtension',
    ].map((f) => [f, Access.VISIBLE]),
  ),
  RectificationEvent: Object.fromEntries(
    ['at', 'type', 'actor', 'actorUser', 'version', 'summary', 'detail'].map((f) => [f, Access.VISIBLE]),
  ),
  // the task's own figures: whoever sees the task sees them
  RectificationMoney: Object.fromEntries(
    [
      'recovered',
      'returnedToChannel',
      'paidToTreasury',
      'accountsAdjusted',
      'revitalised',
      'unclassified',
      'total',
    ].map((f) => [f, Access.VISIBLE]),
  ),
  Evidence: Object.fromEntries(
    ['id', 'fileName', 'contentType', 'size', 'sha256', 'uploadedAt', 'downloadPath'].map((f) => [
      f,
      Access.VISIBLE,
    ]),
  ),
  RectificationConnection: {
    edges: Access.VISIBLE,
    nodes: Access.VISIBLE,
    pageInfo: Access.VISIBLE,
    totalCount: Access.VISIBLE,
  },
  RectificationEdge: { cursor: Access.VISIBLE, node: Access.VISIBLE },
  RectificationPayload: { rectification: Access.VISIBLE, userErrors: Access.VISIBLE },
};
