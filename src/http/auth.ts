/**
 * Authentication, once per request: a bearer token is verified (jose) and turned into a Viewer; no
 * token means PUBLIC; a bad token is rejected with 401, never silently downgraded.
 */
import type { Knex } from 'knex';
import type { HubConfig } from '../config.js';
import { makeViewer, PUBLIC_VIEWER, type Viewer } from '../auth/viewer.js';
import { verifyToken } from '../auth/tokens.js';
import { unauthenticated } from '../shared/errors.js';
import { OrganizationKind, Role } from '../shared/enums.js';
import { organizationKindByCode } from '../modules/organization/organization.repo.js';

/** Organisation codes rarely change: cache code -> id for a minute to spare a query per request. */
export function orgResolver(knex: Knex) {
  const cache = new Map<string, { org: OrgOfToken; at: number } | null>();
  return async (code: string): Promise<OrgOfToken | null> => {
    const hit = cache.get(code);
    if (hit !== undefined && (hit === null || Date.now() - hit.at < 60_000)) return hit?.org ?? null;
    const org = await organizationKindByCode(knex, code);
    cache.set(code, org ? { org, at: Date.now() } : null);
    if (cache.size > 10_000) cache.clear();
    return org;
  };
}

export type OrgOfToken = { id: number; kind: OrganizationKind };

/** The kind of organisation each role acts for: an AUDIT token naming a budget unit is refused. */
const KIND_OF_ROLE: Record<Exclude<Role, Role.PUBLIC>, OrganizationKind> = {
  FINANCE: OrganizationKind.OVERSIGHT_AGENCY,
  AUDIT: OrganizationKind.OVERSIGHT_AGENCY,
  REFORM: OrganizationKind.OVERSIGHT_AGENCY,
  DISCIPLINE: OrganizationKind.OVERSIGHT_AGENCY,
  UNIT: OrganizationKind.BUDGET_UNIT,
  EVALUATOR: OrganizationKind.THIRD_PARTY,
  LEADERSHIP: OrganizationKind.LEADERSHIP,
  HUB_ADMIN: OrganizationKind.HUB_OPERATOR,
};

export async function viewerFromHeader(
  config: HubConfig,
  header: string | undefined,
  orgOf: (code: string) => Promise<OrgOfToken | null>,
): Promise<Viewer> {
  if (!header) return PUBLIC_VIEWER;
  const m = /^Bearer\s+(\S+)$/i.exec(header);
  if (!m) throw unauthenticated('The Authorization header must be "Bearer <token>".');
  const claims = await verifyToken(config, m[1]!);
  const expiresAt = claims.exp ? claims.exp * 1000 : null;
  if (claims.role === Role.PUBLIC) return { ...makeViewer(Role.PUBLIC, null, claims.sub), expiresAt };
  const org = await orgOf(claims.org!);
  if (org === null) throw unauthenticated('The organisation named in the token is not known to the hub.');
  if (org.kind !== KIND_OF_ROLE[claims.role as Exclude<Role, Role.PUBLIC>]) {
    throw unauthenticated(`A ${claims.role} token cannot act for an organisation of kind ${org.kind}.`);
  }
  return { ...makeViewer(claims.role, { id: org.id, code: claims.org! }, claims.sub), expiresAt };
}
