import { Access, RoleAccess, type TypeRules } from '../../policy/field-rules.js';

export const publishingRules: TypeRules = {
  Mutation: {
    findingImport: RoleAccess.AGENCY,
    findingCorrect: RoleAccess.AGENCY,
    findingWithdraw: RoleAccess.AGENCY,
  },
  // the feed and the live subscription are row-scoped like every list
  Query: { changes: RoleAccess.AUTHENTICATED },
  Subscription: { findingChanged: RoleAccess.AUTHENTICATED },
  FindingRevision: {
    version: Access.VISIBLE,
    kind: Access.VISIBLE,
    at: Access.VISIBLE,
    actor: Access.VISIBLE,
    actorUser: Access.VISIBLE,
    reason: Access.VISIBLE,
    changes: Access.VISIBLE,
  },
  // values of fields the viewer may not read are redacted inside the resolver
  FieldChange: {
    field: Access.VISIBLE,
    before: Access.VISIBLE,
    after: Access.VISIBLE,
    redacted: Access.VISIBLE,
  },
  ChangeEvent: {
    cursor: Access.VISIBLE,
    at: Access.VISIBLE,
    kind: Access.VISIBLE,
    version: Access.VISIBLE,
    finding: Access.VISIBLE,
  },
  ChangePage: { events: Access.VISIBLE, nextSince: Access.VISIBLE, hasMore: Access.VISIBLE },
  ImportProblem: {
    rowNumber: Access.VISIBLE,
    column: Access.VISIBLE,
    code: Access.VISIBLE,
    message: Access.VISIBLE,
  },
  ImportReport: {
    dryRun: Access.VISIBLE,
    written: Access.VISIBLE,
    totalRows: Access.VISIBLE,
    created: Access.VISIBLE,
    updated: Access.VISIBLE,
    unchanged: Access.VISIBLE,
    problems: Access.VISIBLE,
  },
  FindingImportPayload: { report: Access.VISIBLE, userErrors: Access.VISIBLE },
  FindingPayload: { finding: Access.VISIBLE, userErrors: Access.VISIBLE },
};
