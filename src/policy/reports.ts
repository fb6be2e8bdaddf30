/**
 * Who may have the yearly rectification report (整改情况报告), through GraphQL and as a .docx: the
 * oversight agencies, district leadership, the hub's operators and a unit (about itself: the figures
 * are row-scoped like every statistic). Not the public, not third-party evaluators.
 */
import type { Viewer } from '../auth/viewer.js';
import { Role } from '../shared/enums.js';

export const REPORT_ROLES: readonly Role[] = [
  Role.FINANCE,
  Role.AUDIT,
  Role.REFORM,
  Role.DISCIPLINE,
  Role.LEADERSHIP,
  Role.HUB_ADMIN,
  Role.UNIT,
];

export const canReadReport = (v: Viewer) => REPORT_ROLES.includes(v.role);
