import { Access, type TypeRules } from '../../policy/field-rules.js';

/** Organisations are public reference data; the connections they lead to are row-scoped. */
export const organizationRules: TypeRules = {
  Organization: {
    id: Access.VISIBLE,
    kind: Access.VISIBLE,
    code: Access.VISIBLE,
    name: Access.VISIBLE,
    shortName: Access.VISIBLE,
    parent: Access.VISIBLE,
    findingsAbout: Access.VISIBLE,
    reviewsAbout: Access.VISIBLE,
  },
  OrganizationConnection: {
    edges: Access.VISIBLE,
    nodes: Access.VISIBLE,
    pageInfo: Access.VISIBLE,
    totalCount: Access.VISIBLE,
  },
  OrganizationEdge: { cursor: Access.VISIBLE, node: Access.VISIBLE },
  Query: { organizations: Access.OPEN, organization: Access.OPEN },
};
