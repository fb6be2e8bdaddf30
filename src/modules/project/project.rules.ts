import { Access, type TypeRules } from '../../policy/field-rules.js';

/** Projects and policies are public budget information; their connections are row-scoped. */
export const projectRules: TypeRules = {
  Project: {
    id: Access.VISIBLE,
    code: Access.VISIBLE,
    name: Access.VISIBLE,
    fundType: Access.VISIBLE,
    budgetAmount: Access.VISIBLE,
    ownerUnit: Access.VISIBLE,
    startYear: Access.VISIBLE,
    endYear: Access.VISIBLE,
    findings: Access.VISIBLE,
    reviews: Access.VISIBLE,
  },
  Policy: {
    id: Access.VISIBLE,
    code: Access.VISIBLE,
    name: Access.VISIBLE,
    ownerUnit: Access.VISIBLE,
    effectiveYear: Access.VISIBLE,
  },
  ProjectConnection: {
    edges: Access.VISIBLE,
    nodes: Access.VISIBLE,
    pageInfo: Access.VISIBLE,
    totalCount: Access.VISIBLE,
  },
  ProjectEdge: { cursor: Access.VISIBLE, node: Access.VISIBLE },
  Query: { projects: Access.OPEN, project: Access.OPEN },
};
