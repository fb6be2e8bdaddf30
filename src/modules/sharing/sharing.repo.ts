/**
 * SQL of sharing rules and conditional access requests (有条件共享): rows and their mapping, the
 * scoped request list, the rules in force, the findings a request names, and the batches of the
 * request's loaders. Writes go through the ORM's unit of work in sharing.service.ts.
 */
import type { Knex } from 'knex';
import type { Viewer } from '../../auth/viewer.js';
import { AccessRequestStatus, type FindingSource, type SharingLevel } from '../../shared/enums.js';
import { toGlobalId } from '../../shared/global-id.js';
import { countOf, paginate, type Connection, type PageArgs } from '../../shared/paging.js';
import { toDate, toDateOrNull } from '../../shared/timestamps.js';
import { accessRequestScope } from '../../policy/access-requests.js';
import type { AccessRequest, AccessScope } from './sharing.entity.js';

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

/** The same row from an entity the service just wrote. */
export function accessRequestRowOf(e: AccessRequest): AccessRequestRow {
  return {
    __typename: 'AccessRequest',
    id: toGlobalId('AccessRequest', e.id),
    dbId: e.id,
    requesterId: e.requester.id,
    ownerId: e.owner.id,
    scope: e.scope,
    category: e.category ?? null,
    findingIds: e.findingIds ?? null,
    purpose: e.purpose,
    expiresAt: e.expiresAt,
    storedStatus: e.status,
    reason: e.reason ?? null,
    decidedAt: e.decidedAt ?? null,
    createdAt: e.createdAt,
    version: e.version,
  };
}

export async function accessRequestsByIds(knex: Knex, ids: readonly number[]) {
  return (
    (await knex('access_request')
      .select('*')
      .whereIn('id', ids as number[])) as Record<string, unknown>[]
  ).map(mapAccessRequest);
}

/** Conditions of the request list. */
export interface AccessRequestListFilter {
  /** Relative to the viewer's agency; hub administrators see every request whatever the direction. */
  direction?: 'MADE' | 'RECEIVED' | null;
  statuses?: readonly AccessRequestStatus[] | null;
}

/** A page of the requests the viewer may see, newest first. */
export function accessRequestsPage(
  knex: Knex,
  v: Viewer,
  f: AccessRequestListFilter | null | undefined,
  page: PageArgs,
): Promise<Connection<AccessRequestRow>> {
  const b = knex('access_request as q');
  const scope = accessRequestScope(v, 'q');
  if (scope) {
    b.whereRaw(scope.sql, scope.bindings as Knex.RawBinding[]);
    if (f?.direction === 'MADE') b.where('q.requester_id', v.orgId);
    else if (f?.direction === 'RECEIVED') b.where('q.owner_id', v.orgId);
  }
  const statuses = f?.statuses ?? [];
  if (statuses.length) {
    // EXPIRED is derived: an APPROVED row past its expiry
    b.where((w) => {
      const stored = statuses.filter(
        (s) => s !== AccessRequestStatus.EXPIRED && s !== AccessRequestStatus.APPROVED,
      );
      if (stored.length) w.orWhereIn('q.status', stored);
      if (statuses.includes(AccessRequestStatus.APPROVED))
        w.orWhere((x) => x.where('q.status', 'APPROVED').where('q.expires_at', '>', new Date()));
      if (statuses.includes(AccessRequestStatus.EXPIRED))
        w.orWhere((x) => x.where('q.status', 'APPROVED').where('q.expires_at', '<=', new Date()));
    });
  }
  return paginate(
    knex,
    b.clone().select('q.*'),
    page,
    { expr: 'q.id', desc: true, cast: 'int' },
    mapAccessRequest,
    countOf(b),
    'q.id',
  );
}

export interface SharingRuleRow {
  ownerId: number;
  category: string | null;
  level: SharingLevel;
  note: string | null;
  updatedAt: Date;
}

/** Sharing rules in force, of one owner or of all, by owner and category (the default rule first). */
export async function sharingRulesOf(knex: Knex, ownerId: number | null): Promise<SharingRuleRow[]> {
  const q = knex('sharing_rule')
    .select('*')
    .orderBy([{ column: 'owner_id' }, { column: 'category', nulls: 'first' }]);
  if (ownerId !== null) q.where('owner_id', ownerId);
  return ((await q) as Record<string, unknown>[]).map((r) => ({
    ownerId: r.owner_id as number,
    category: r.category as string | null,
    level: r.level as SharingLevel,
    note: r.note as string | null,
    updatedAt: toDate(r.updated_at),
  }));
}

/** The source of one of the owner's findings of that category, or null when it has none. */
export async function sourceOfOwnerCategory(
  knex: Knex,
  ownerId: number,
  category: string,
): Promise<FindingSource | null> {
  const sample = (await knex('finding').select('source').where({ agency_id: ownerId, category }).first()) as
    { source: FindingSource } | undefined;
  return sample ? sample.source : null;
}

/** What the sharing policy needs of the findings a request names. */
export async function findingsForRequest(
  knex: Knex,
  ids: readonly number[],
): Promise<{ id: number; agencyId: number; source: FindingSource; category: string }[]> {
  const rows = (await knex('finding')
    .select('id', 'agency_id', 'source', 'category')
    .whereIn('id', ids as number[])) as {
    id: number;
    agency_id: number;
    source: FindingSource;
    category: string;
  }[];
  return rows.map((r) => ({ id: r.id, agencyId: r.agency_id, source: r.source, category: r.category }));
}

/** Events of each access request, oldest first, as the API shows them (for the request's loaders). */
export async function sharingEventsByRequestIds(
  knex: Knex,
  requestIds: readonly number[],
): Promise<Record<string, unknown>[][]> {
  const rows = (await knex('sharing_event')
    .select('*')
    .whereIn('request_id', requestIds as number[])
    .orderBy('id')) as Record<string, unknown>[];
  return requestIds.map((id) =>
    rows
      .filter((r) => r.request_id === id)
      .map((r) => ({
        at: toDate(r.at),
        actorId: r.actor_id,
        actorUser: r.actor_user,
        action: r.action,
        detail: JSON.stringify(r.payload),
      })),
  );
}
