/**
 * Who may see and do what with sharing rules and conditional access requests (有条件共享): the row
 * scope of requests (TypeScript predicate `canSeeAccessRequest` and its SQL twin
 * `accessRequestScope`), asking, deciding, revoking and classifying. The sharing service enforces
 * these, the `viewerCan…` fields and `node(id)` answer with them.
 *
 * The policy knows a request only by the structural interfaces below; it imports no module.
 */
import { isOversight, type Viewer } from '../auth/viewer.js';
import { AccessRequestStatus, FindingSource, Role, SharingLevel } from '../shared/enums.js';
import type { Sql } from './access.js';
import { levelOf, type SharingState } from './sharing.js';

/** What the policy needs of a request to scope it. */
export interface RequestParties {
  requesterId: number;
  ownerId: number;
}

/** What the policy needs of a request to decide on it. */
export interface RequestView {
  ownerId: number;
  status: AccessRequestStatus;
  expiresAt: Date;
}

/** Stored status, with EXPIRED derived from the expiry. */
export function effectiveStatus(r: { status: AccessRequestStatus; expiresAt: Date }, now = Date.now()) {
  return r.status === AccessRequestStatus.APPROVED && r.expiresAt.getTime() <= now
    ? AccessRequestStatus.EXPIRED
    : r.status;
}

/** The viewer's agency when it acts as an oversight agency, else null. */
export const agencyOf = (v: Viewer): number | null => (isOversight(v) && v.orgId !== null ? v.orgId : null);

/** Row scope of access requests: the two parties, and the hub's administrators. */
export function canSeeAccessRequest(v: Viewer, r: RequestParties): boolean {
  return (
    v.role === Role.HUB_ADMIN || (v.orgId !== null && (v.orgId === r.requesterId || v.orgId === r.ownerId))
  );
}

/** SQL twin of canSeeAccessRequest over an `access_request` alias `a`; null = every row. */
export function accessRequestScope(v: Viewer, a: string): Sql | null {
  if (v.role === Role.HUB_ADMIN) return null;
  return { sql: `(${a}.requester_id = ? or ${a}.owner_id = ?)`, bindings: [v.orgId, v.orgId] };
}

export const isOwnerOf = (v: Viewer, r: Pick<RequestView, 'ownerId'>) => v.orgId === r.ownerId;

/** Who may decide (approve/refuse) a request — the owner agency, while it is pending. */
export function canDecide(v: Viewer, r: RequestView) {
  return isOwnerOf(v, r) && effectiveStatus(r) === AccessRequestStatus.PENDING;
}

/** Who may revoke — the owner, while the approval is in force. */
export function canRevoke(v: Viewer, r: RequestView) {
  return isOwnerOf(v, r) && effectiveStatus(r) === AccessRequestStatus.APPROVED;
}

/** May the viewer ask the owner of this finding for conditional access to it? */
export function canRequestAccess(
  v: Viewer,
  f: { agencyId: number; source: FindingSource; category: string },
  sharing: SharingState = v.sharing,
): boolean {
  return (
    isOversight(v) &&
    v.orgId !== f.agencyId &&
    v.role !== Role.DISCIPLINE && // already cleared for everything
    levelOf(sharing, f) === SharingLevel.CONDITIONAL
  );
}

/** May the viewer classify the records of this owner (set a sharing rule)? Its own, or any as admin. */
export const canSetSharingRule = (v: Viewer, ownerId: number) =>
  v.role === Role.HUB_ADMIN || agencyOf(v) === ownerId;
