/** Who may read the access log (查询留痕): the discipline commission every entry, an agency the reads of its own records. */
import type { Viewer } from '../auth/viewer.js';
import { Role } from '../shared/enums.js';
import type { Sql } from './access.js';

/** Row scope of access-log entries in SQL; null = everything. */
export function accessLogScope(v: Viewer, a: string): Sql | null {
  if (v.role === Role.DISCIPLINE) return null;
  return { sql: `${a}.owner_id = ?`, bindings: [v.orgId] };
}
