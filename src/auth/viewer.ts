import { Role, Sensitivity, SENSITIVITY_RANK, OVERSIGHT_ROLES } from '../shared/enums.js';
import { EMPTY_SHARING, type SharingState } from '../policy/sharing.js';

/** Who is asking: built once per request from the verified token (or PUBLIC without one). */
export interface Viewer {
  role: Role;
  /** The viewer's organisation (db id); null only for PUBLIC. */
  orgId: number | null;
  orgCode: string | null;
  /** Token subject (user id in the agency's system), for the access log. */
  userId: string | null;
  /** When the token stops being valid (ms since the epoch); null without a token. */
  expiresAt: number | null;
  clearance: Sensitivity;
  clearanceRank: number;
  /** Sharing rules and this viewer's approved access requests, loaded per request. */
  sharing: SharingState;
}

/** Highest sensitivity each role may read (content fields; row scope is separate). */
export const CLEARANCE: Record<Role, Sensitivity> = {
  PUBLIC: Sensitivity.PUBLIC,
  EVALUATOR: Sensitivity.INTERNAL,
  UNIT: Sensitivity.RESTRICTED,
  FINANCE: Sensitivity.RESTRICTED,
  AUDIT: Sensitivity.RESTRICTED,
  REFORM: Sensitivity.RESTRICTED,
  LEADERSHIP: Sensitivity.RESTRICTED,
  HUB_ADMIN: Sensitivity.RESTRICTED,
  DISCIPLINE: Sensitivity.SECRET,
};

export function makeViewer(
  role: Role,
  org: { id: number; code: string } | null,
  userId: string | null,
): Viewer {
  const clearance = CLEARANCE[role];
  return {
    role,
    orgId: org?.id ?? null,
    orgCode: org?.code ?? null,
    userId,
    clearance,
    clearanceRank: SENSITIVITY_RANK[clearance],
    sharing: EMPTY_SHARING,
    expiresAt: null,
  };
}

export const PUBLIC_VIEWER: Viewer = makeViewer(Role.PUBLIC, null, null);

export const isOversight = (v: Viewer) => OVERSIGHT_ROLES.includes(v.role);
