import { Organization } from '../modules/organization/organization.entity.js';
import { Policy, Project } from '../modules/project/project.entity.js';
import { Review } from '../modules/review/review.entity.js';
import { Finding } from '../modules/finding/finding.entity.js';
import { FindingRollup } from '../modules/finding/finding-rollup.entity.js';
import {
  StatsDataChange,
  StatsRollup,
  StatsRollupUnits,
  StatsTaskLink,
} from '../modules/statistics/stats-rollup.entity.js';
import { BaseEntity } from '../shared/base.entity.js';
import { AccessRequest, SharingEvent, SharingRule } from '../modules/sharing/index.js';
import { AccessLogEntry } from '../modules/access-log/access-log.entity.js';
import { ChangeEvent, FindingRevision } from '../modules/publishing/publishing.entity.js';
import {
  Evidence,
  Rectification,
  RectificationEvent,
  RectificationFinding,
  RectificationSupervisor,
} from '../modules/rectification/index.js';
import { EvidenceBlob } from '../modules/evidence/index.js';
import {
  Consultation,
  FindingGroup,
  FindingGroupEvent,
  FindingGroupMember,
  InspectionPlan,
  Recognition,
} from '../modules/recognition/index.js';
import { PERFORMANCE_ENTITIES } from '../modules/performance/index.js';
import { ImportProfile, OrganizationAlias, ProjectAlias } from '../modules/intake/index.js';
import { ClueReferral, ClueReferralFinding } from '../modules/referral/index.js';

/** Every MikroORM entity; the migrations are diffed against this list. */
export const ENTITIES = [
  BaseEntity,
  Organization,
  Project,
  Policy,
  Review,
  Finding,
  FindingRollup,
  StatsRollup,
  StatsRollupUnits,
  StatsTaskLink,
  StatsDataChange,
  SharingRule,
  AccessRequest,
  SharingEvent,
  AccessLogEntry,
  FindingRevision,
  ChangeEvent,
  Rectification,
  RectificationFinding,
  RectificationSupervisor,
  RectificationEvent,
  Evidence,
  EvidenceBlob,
  Recognition,
  Consultation,
  FindingGroup,
  FindingGroupMember,
  FindingGroupEvent,
  InspectionPlan,
  ...PERFORMANCE_ENTITIES,
  OrganizationAlias,
  ProjectAlias,
  ImportProfile,
  ClueReferral,
  ClueReferralFinding,
];
