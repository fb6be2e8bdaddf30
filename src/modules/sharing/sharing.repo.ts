import { toDate, toDateOrNull } from '../../shared/timestamps.js';
import type { Knex } from 'knex';
import type { Viewer } from '../../auth/viewer.js';
import { Role } from '../../shared/enums.js';
import { toGlobalId } from '../../shared/global-id.js';
import type { AccessRequestStatus, AccessScope } from './sharing.entity.js';

export interface AccessRequestRow {
  __typename: 'AccessRequest';
  id: string;
  dbId: number;
  requesterId: number;
  ownerId: number;
  scope: AccessScope;
  category: string | null;
  findingIds: number[] | null;
  purpose: string;
  expiresAt: Date;
  storedStatus: AccessRequestStatus;
  reason: string | null;
  decidedAt: Date | null;
  createdAt: Date;
  version: number;
}

export function mapAccessRequest(r: Record<string, unknown>): AccessRequestRow {
  return {
    __typename: 'AccessRequest',
    id: toGlobalId('AccessRequest', r.id as number),
    dbId: r.id as number,
    requesterId: r.requester_id as number,
    ownerId: r.owner_id as number,
    scope: r.scope as AccessScope,
    category: r.category as string | null,
    findingIds: r.finding_ids as number[] | null,
    purpose: r.purpose as string,
    expiresAt: toDate(r.expires_at),
    storedStatus: r.status as AccessRequestStatus,
    reason: r.reason as string | null,
    decidedAt: toDateOrNull(r.decided_at),
    createdAt: toDate(r.created_at),
    version: r.version as number,
  };
}

/** Row scope of access requests: the two parties, and the hub's administrators. */
export function canSeeAccessRequest(v: Viewer, r: { requesterId: number; ownerId: number }): boolean {
  return (
    v.role === Role.HUB_ADMIN || (v.orgId !== null && (v.orgId === r.requesterId || v.orgId === r.ownerId))
  );
}

export async function accessRequestsByIds(knex: Knex, ids: readonly number[]) {
  return (
    (await knex('access_request')
      .select('*')
      .whereIn('id', ids as number[])) as Record<string, unknown>[]
  ).map(mapAccessRequest);
}
