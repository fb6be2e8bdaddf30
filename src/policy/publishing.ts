/**
 * Who may publish, as which source, and who may change a published record (发布、更正、撤回): an
 * oversight agency publishes only its own source (the finance bureau PERFORMANCE, the audit bureau
 * AUDIT, …) and changes only its own findings and reviews. The publishing and review services, the
 * ledger upload (HTTP) and `npm run import` enforce these; the shield rules' role gate
 * (RoleAccess.AGENCY) is the coarse check in front of them.
 *
 * The policy knows a record only by its authoring agency; it imports no module.
 */
import { isOversight, type Viewer } from '../auth/viewer.js';
import { FindingSource, OrganizationKind, Role, SOURCE_OF_ROLE } from '../shared/enums.js';
import { UserInputProblem } from '../shared/user-error.js';

/** The token role that publishes each source (the inverse of SOURCE_OF_ROLE). */
export const ROLE_OF_SOURCE: Record<FindingSource, Role> = {
  PERFORMANCE: Role.FINANCE,
  AUDIT: Role.AUDIT,
  REFORM: Role.REFORM,
  DISCIPLINE: Role.DISCIPLINE,
};

/** The source a role publishes, or null when it publishes nothing (not an oversight agency). */
export const sourceOfRole = (role: Role): FindingSource | null => SOURCE_OF_ROLE[role] ?? null;

/** Does the viewer act as an oversight agency for its own organisation (the one who publishes)? */
export const actsForAgency = (v: Viewer): boolean => isOversight(v) && v.orgId !== null;

/** Which agency publishes, and as which source; throws NOT_AN_AGENCY otherwise. */
export function publisherOf(v: Viewer): { agencyId: number; source: FindingSource; user: string } {
  const source = sourceOfRole(v.role);
  if (!actsForAgency(v) || !source) {
    throw new UserInputProblem('NOT_AN_AGENCY', 'Only an oversight agency publishes findings.');
  }
  return { agencyId: v.orgId!, source, user: v.userId ?? 'unknown' };
}

/** Only the authoring agency changes (corrects, withdraws) its records. */
const isAuthorOf = (v: Viewer, r: { agencyId: number }) => actsForAgency(v) && v.orgId === r.agencyId;

/** May the viewer correct or withdraw this finding? Its own agency's only. */
export const canEditFinding = (v: Viewer, f: { agencyId: number }): boolean => isAuthorOf(v, f);

/** May the viewer update or withdraw this review? Its own agency's only. */
export const canEditReview = (v: Viewer, r: { agencyId: number }): boolean => isAuthorOf(v, r);

/** Why an organisation may not publish a ledger as the source asked. */
export type PublishingRefusal = 'NOT_AN_AGENCY' | 'WRONG_SOURCE' | 'SOURCE_NEEDED';

/**
 * As which source an organisation publishes: only oversight agencies publish, each its own source.
 * The organisation table does not say which one, so an agency's source is the one it has published so
 * far (`published`); an agency that has published nothing yet names it (`requested`), once.
 */
export function publishingSourceOf(
  org: { kind: OrganizationKind },
  published: readonly FindingSource[],
  requested: FindingSource | null,
): { source: FindingSource } | { refused: PublishingRefusal } {
  if (org.kind !== OrganizationKind.OVERSIGHT_AGENCY) return { refused: 'NOT_AN_AGENCY' };
  if (requested && published.length && !published.includes(requested)) return { refused: 'WRONG_SOURCE' };
  const source = requested ?? (published.length === 1 ? published[0]! : null);
  return source ? { source } : { refused: 'SOURCE_NEEDED' };
}
