import { Access, type TypeRules } from '../../policy/field-rules.js';

export const reviewRules: TypeRules = {
  Review: {
    id: Access.VISIBLE,
    source: Access.VISIBLE,
    agency: Access.VISIBLE,
    unit: Access.VISIBLE,
    subjectKind: Access.VISIBLE,
    fiscalYear: Access.VISIBLE,
    // the findings connection is row-scoped on its own
    findings: Access.VISIBLE,
    sourceRef: Access.CONTENT,
    project: Access.CONTENT,
    policy: Access.CONTENT,
    evaluator: Access.CONTENT,
    title: Access.CONTENT,
    reviewType: Access.CONTENT,
    conclusion: Access.CONTENT,
    score: Access.CONTENT,
    grade: Access.CONTENT,
    indicatorResults: Access.CONTENT,
    sensitivity: Access.CONTENT,
    publicationState: Access.CONTENT,
    publishedAt: Access.CONTENT,
    completedOn: Access.CONTENT,
    updatedAt: Access.CONTENT,
    version: Access.CONTENT,
  },
  IndicatorResult: {
    name: Access.VISIBLE,
    target: Access.VISIBLE,
    actual: Access.VISIBLE,
    score: Access.VISIBLE,
  },
  ReviewConnection: {
    edges: Access.VISIBLE,
    nodes: Access.VISIBLE,
    pageInfo: Access.VISIBLE,
    totalCount: Access.VISIBLE,
  },
  ReviewEdge: { cursor: Access.VISIBLE, node: Access.VISIBLE },
  Query: { reviews: Access.OPEN, review: Access.OPEN },
};
