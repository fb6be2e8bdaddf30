/**
 * Sharing state of one request: the owners' sharing rules and the viewer's approved, unexpired access
 * requests. Read from the process's cache (src/modules/sharing/sharing.cache.ts, invalidated on every
 * change) or by loadSharingState (two small queries), and used by both the TS predicates and the SQL of
 * the access policy, so the two cannot disagree. A state may outlive the expiry of its grants: every use
 * (grantCovers, grantSql) checks the expiry against the clock.
 */
import { toDate } from '../shared/timestamps.js';
import type { Knex } from 'knex';
import { FindingSource } from '../shared/enums.js';
import { SharingLevel, AccessScope } from '../shared/enums.js';

export interface ActiveGrant {
  id: number;
  ownerId: number;
  scope: AccessScope;
  category: string | null;
  findingIds: ReadonlySet<number>;
  expiresAt: Date;
}

export interface SharingState {
  /** key `${ownerId}\u0000${category}`; category '' = the owner's default. */
  rules: ReadonlyMap<string, SharingLevel>;
  grants: readonly ActiveGrant[];
}

export const EMPTY_SHARING: SharingState = { rules: new Map(), grants: [] };

const key = (ownerId: number, category: string | null) => `${ownerId}\u0000${category ?? ''}`;

export async function loadSharingState(
  knex: Knex,
  viewerOrgId: number | null,
  now = new Date(),
): Promise<SharingState> {
  const [rules, grants] = await Promise.all([
    loadSharingRules(knex),
    viewerOrgId === null ? Promise.resolve([]) : loadActiveGrants(knex, viewerOrgId, now),
  ]);
  return { rules, grants };
}

/** Every owner's sharing rules (the same for every viewer). */
export async function loadSharingRules(knex: Knex): Promise<ReadonlyMap<string, SharingLevel>> {
  const rules = (await knex('sharing_rule').select('owner_id', 'category', 'level')) as {
    owner_id: number;
    category: string | null;
    level: SharingLevel;
  }[];
  return new Map(rules.map((r) => [key(r.owner_id, r.category), r.level]));
}

/** The organisation's approved requests that have not expired at `now`. */
export async function loadActiveGrants(
  knex: Knex,
  viewerOrgId: number,
  now = new Date(),
): Promise<ActiveGrant[]> {
  const grants = (await knex('access_request')
    .select('id', 'owner_id', 'scope', 'category', 'finding_ids', 'expires_at')
    .where({ requester_id: viewerOrgId, status: 'APPROVED' })
    .where('expires_at', '>', now)) as Record<string, unknown>[];
  return grants.map((g) => ({
    id: g.id as number,
    ownerId: g.owner_id as number,
    scope: g.scope as AccessScope,
    category: g.category as string | null,
    findingIds: new Set((g.finding_ids as number[] | null) ?? []),
    expiresAt: toDate(g.expires_at),
  }));
}

export function defaultLevel(source: FindingSource): SharingLevel {
  return source === FindingSource.DISCIPLINE ? SharingLevel.NOT_SHARED : SharingLevel.UNCONDITIONAL;
}

/** The level that governs a record: the owner's rule for its category, else the owner's default rule. */
export function levelOf(
  s: SharingState,
  r: { agencyId: number; source: FindingSource; category?: string | null },
): SharingLevel {
  return (
    (r.category != null ? s.rules.get(key(r.agencyId, r.category)) : undefined) ??
    s.rules.get(key(r.agencyId, null)) ??
    defaultLevel(r.source)
  );
}

/** Is the record covered by one of the viewer's approved, unexpired requests? (findings only) */
export function grantCovers(
  s: SharingState,
  r: { agencyId: number; category?: string | null; dbId?: number },
  now = Date.now(),
): boolean {
  return s.grants.some(
    (g) =>
      g.ownerId === r.agencyId &&
      g.expiresAt.getTime() > now &&
      (g.scope === AccessScope.CATEGORY
        ? r.category != null && g.category === r.category
        : r.dbId !== undefined && g.findingIds.has(r.dbId)),
  );
}

export interface Sql {
  sql: string;
  bindings: unknown[];
}

/**
 * SQL for levelOf over alias `a` ('U' | 'C' | 'N'). `categoryCol` is null for tables without a
 * category (reviews), which then follow the owner's default rule.
 */
export function levelSql(s: SharingState, a: string, categoryCol: string | null): Sql {
  const whens: string[] = [];
  const bindings: unknown[] = [];
  const code = { UNCONDITIONAL: 'U', CONDITIONAL: 'C', NOT_SHARED: 'N' } as const;
  const exact: [number, string, SharingLevel][] = [];
  const byOwner: [number, SharingLevel][] = [];
  for (const [k, level] of s.rules) {
    const [owner, category] = k.split('\u0000') as [string, string];
    if (category === '') byOwner.push([Number(owner), level]);
    else exact.push([Number(owner), category, level]);
  }
  if (categoryCol) {
    for (const [owner, category, level] of exact) {
      whens.push(`when ${a}.agency_id = ? and ${categoryCol} = ? then '${code[level]}'`);
      bindings.push(owner, category);
    }
  }
  for (const [owner, level] of byOwner) {
    whens.push(`when ${a}.agency_id = ? then '${code[level]}'`);
    bindings.push(owner);
  }
  whens.push(`when ${a}.source = 'DISCIPLINE' then 'N'`);
  return { sql: `(case ${whens.join(' ')} else 'U' end)`, bindings };
}

/** SQL: the record (alias `a`, a finding) is covered by one of the viewer's grants. */
export function grantSql(s: SharingState, a: string, now = Date.now()): Sql {
  const parts: string[] = [];
  const bindings: unknown[] = [];
  for (const g of s.grants) {
    if (g.expiresAt.getTime() <= now) continue;
    if (g.scope === AccessScope.CATEGORY) {
      parts.push(`(${a}.agency_id = ? and ${a}.category = ?)`);
      bindings.push(g.ownerId, g.category);
    } else if (g.findingIds.size) {
      parts.push(`(${a}.agency_id = ? and ${a}.id in (${[...g.findingIds].map(() => '?').join(',')}))`);
      bindings.push(g.ownerId, ...g.findingIds);
    }
  }
  return parts.length ? { sql: `(${parts.join(' or ')})`, bindings } : { sql: 'false', bindings: [] };
}
