import { Access, type FieldAccess, type TypeRules } from '../../policy/field-rules.js';

/** Fields of the Finding interface, shared by the four implementations. */
const shared: Record<string, FieldAccess> = {
  // existence: whoever may see the row learns that the finding exists, where and what kind
  id: Access.VISIBLE,
  source: Access.VISIBLE,
  agency: Access.VISIBLE,
  unit: Access.VISIBLE,
  fiscalYear: Access.VISIBLE,
  category: Access.VISIBLE,
  // substance
  sourceRef: Access.CONTENT,
  review: Access.CONTENT,
  project: Access.CONTENT,
  policy: Access.CONTENT,
  severity: Access.CONTENT,
  title: Access.CONTENT,
  description: Access.CONTENT,
  sensitivity: Access.CONTENT,
  publicationState: Access.CONTENT,
  rectificationStatus: Access.CONTENT,
  publishedAt: Access.CONTENT,
  updatedAt: Access.CONTENT,
  version: Access.CONTENT,
  amountInvolved: Access.AMOUNT,
  responsiblePerson: Access.CONTACT,
  responsiblePhone: Access.CONTACT,
  history: Access.CONTENT,
  viewerCanReadContent: Access.VISIBLE,
  viewerCanRequestAccess: Access.VISIBLE,
};

export const findingRules: TypeRules = {
  PerformanceFinding: { ...shared, indicatorName: Access.CONTENT, scoreDeducted: Access.CONTENT },
  AuditFinding: { ...shared, legalBasis: Access.CONTENT, auditOpinion: Access.CONTENT },
  ReformFinding: { ...shared, inspectionItem: Access.CONTENT, approvalRef: Access.CONTENT },
  DisciplineFinding: {
    ...shared,
    clueSource: Access.DISCIPLINE_ONLY,
    personsInvolved: Access.DISCIPLINE_ONLY,
    caseStage: Access.CONTENT,
    personsHeldAccountable: Access.CONTENT,
  },
  PersonInvolved: { name: Access.VISIBLE, position: Access.VISIBLE },
  FindingConnection: {
    edges: Access.VISIBLE,
    nodes: Access.VISIBLE,
    pageInfo: Access.VISIBLE,
    totalCount: Access.VISIBLE,
  },
  FindingEdge: { cursor: Access.VISIBLE, node: Access.VISIBLE },
  Query: { findings: Access.OPEN, finding: Access.OPEN, findingStats: Access.OPEN },
  FindingStats: {
    total: Access.VISIBLE,
    amount: Access.VISIBLE,
    bySource: Access.VISIBLE,
    byFiscalYear: Access.VISIBLE,
    byCategory: Access.VISIBLE,
    disciplineSuppressed: Access.VISIBLE,
    // the same figures with each agency's finding counted (a same-problem group once per member)
    raw: Access.VISIBLE,
  },
  SourceCount: { source: Access.VISIBLE, count: Access.VISIBLE, amount: Access.VISIBLE },
  YearCount: { fiscalYear: Access.VISIBLE, count: Access.VISIBLE, amount: Access.VISIBLE },
  CategoryCount: {
    source: Access.VISIBLE,
    category: Access.VISIBLE,
    count: Access.VISIBLE,
    amount: Access.VISIBLE,
  },
};
