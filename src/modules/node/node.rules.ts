import { Access, type TypeRules } from '../../policy/field-rules.js';

export const nodeRules: TypeRules = {
  Query: { node: Access.OPEN, nodes: Access.OPEN, viewer: Access.OPEN },
  Viewer: { role: Access.VISIBLE, clearance: Access.VISIBLE, organization: Access.VISIBLE },
  PageInfo: {
    hasNextPage: Access.VISIBLE,
    hasPreviousPage: Access.VISIBLE,
    startCursor: Access.VISIBLE,
    endCursor: Access.VISIBLE,
  },
};
