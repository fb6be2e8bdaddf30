import { Access, byRole, type TypeRules } from '../../policy/field-rules.js';
import { Role } from '../../shared/enums.js';

export const accessLogRules: TypeRules = {
  // the discipline commission reads all entries; an agency the reads of its own records (row scope)
  Query: {
    accessLog: byRole('access-log-reader', 'The discipline commission; each agency for its own records.', [
      Role.DISCIPLINE,
      Role.FINANCE,
      Role.AUDIT,
      Role.REFORM,
    ]),
  },
  AccessLogEntry: {
    at: Access.VISIBLE,
    readerOrganization: Access.VISIBLE,
    readerUser: Access.VISIBLE,
    readerRole: Access.VISIBLE,
    operation: Access.VISIBLE,
    requestId: Access.VISIBLE,
    recordId: Access.VISIBLE,
    recordType: Access.VISIBLE,
    owner: Access.VISIBLE,
    sensitivity: Access.VISIBLE,
    fields: Access.VISIBLE,
  },
  AccessLogEntryConnection: {
    edges: Access.VISIBLE,
    nodes: Access.VISIBLE,
    pageInfo: Access.VISIBLE,
    totalCount: Access.VISIBLE,
  },
  AccessLogEntryEdge: { cursor: Access.VISIBLE, node: Access.VISIBLE },
};
