/**
 * Field access levels. Each GraphQL field is given exactly one of these in its module's `*.rules.ts`;
 * graphql-shield enforces them (deny by default) and the permission matrix is printed from them.
 */
import { Role } from '../shared/enums.js';
import type { Viewer } from '../auth/viewer.js';
import {
  canReadAmount,
  canReadContact,
  canReadContent,
  canReadDisciplineSecrets,
  type GuardedRecord,
} from './access.js';

export interface FieldAccess {
  /** Short name shown in the permission matrix. */
  name: string;
  /** One sentence: who may read a field with this level. */
  explain: string;
  /** Per role: 'yes', 'no' or the condition under which it may. */
  forRole(role: Role): string;
  check(viewer: Viewer, parent: unknown): boolean;
}

const ALL_ROLES = Object.values(Role);

/**
 * A row whose content and amount decisions were computed with it in SQL, for the viewer of the
 * request that loaded it (finding pages: contentSql / amountSql, tested to agree with canReadContent /
 * canReadAmount). Checked synchronously, once per field, without deciding again.
 */
type Decided = { decided?: { content: boolean; amount: boolean } };
const oversight = [Role.FINANCE, Role.AUDIT, Role.REFORM, Role.DISCIPLINE];

export const Access = {
  /** Readable by whoever may see the object at all (row scope decides). */
  VISIBLE: {
    name: 'visible',
    explain: 'Anyone who may see the object.',
    forRole: () => 'yes',
    check: () => true,
  },
  /** For entry points (Query fields): open to every role; what they return is row-scoped. */
  OPEN: {
    name: 'open',
    explain: 'Any caller, with or without a token; results are limited by row scope.',
    forRole: () => 'yes',
    check: () => true,
  },
  /** Substance of a finding or review. */
  CONTENT: {
    name: 'content',
    explain:
      "The record's author and DISCIPLINE always; a unit for records about itself within clearance; others as " +
      "the owner's sharing rule allows (UNCONDITIONAL within clearance, CONDITIONAL with an approved request).",
    forRole: (r: Role) => contentCondition(r),
    check: (v: Viewer, p: unknown) =>
      (p as Decided).decided?.content ?? canReadContent(v, p as GuardedRecord),
  },
  AMOUNT: {
    name: 'amount',
    explain: 'As content; for PUBLIC only where the amount is disclosed (公开).',
    forRole: (r: Role) =>
      r === Role.PUBLIC ? `${contentCondition(r)}, and the amount disclosed` : contentCondition(r),
    check: (v: Viewer, p: unknown) => (p as Decided).decided?.amount ?? canReadAmount(v, p as GuardedRecord),
  },
  CONTACT: {
    name: 'contact',
    explain: 'Supervising (oversight) agencies and the responsible unit itself, where they may read content.',
    forRole: (r: Role) =>
      oversight.includes(r)
        ? r === Role.DISCIPLINE
          ? 'yes'
          : 'if content is readable'
        : r === Role.UNIT
          ? 'if the record concerns its own unit'
          : 'no',
    check: (v: Viewer, p: unknown) => canReadContact(v, p as GuardedRecord),
  },
  DISCIPLINE_ONLY: {
    name: 'discipline-only',
    explain: 'The discipline commission (纪委监委) alone.',
    forRole: (r: Role) => (r === Role.DISCIPLINE ? 'yes' : 'no'),
    check: (v: Viewer) => canReadDisciplineSecrets(v),
  },
} satisfies Record<string, FieldAccess>;

/** An access level granted by role alone (for entry points such as queries and mutations). */
export function byRole(name: string, explain: string, allowed: readonly Role[]): FieldAccess {
  const set = new Set(allowed);
  return {
    name,
    explain,
    forRole: (r: Role) => (set.has(r) ? 'yes' : 'no'),
    check: (v: Viewer) => set.has(v.role),
  };
}

export const RoleAccess = {
  AUTHENTICATED: byRole(
    'authenticated',
    'Any caller with a valid token.',
    ALL_ROLES.filter((r) => r !== Role.PUBLIC),
  ),
  AGENCY: byRole('agency', 'Oversight agencies (监督部门).', oversight),
  AGENCY_OR_ADMIN: byRole('agency-or-admin', 'Oversight agencies and hub administrators.', [
    ...oversight,
    Role.HUB_ADMIN,
  ]),
};

function contentCondition(r: Role): string {
  if (r === Role.DISCIPLINE) return 'yes';
  if (r === Role.UNIT) return `if about its own unit and sensitivity <= ${clearanceName(r)}`;
  const own = r === Role.PUBLIC ? '' : 'if author, or ';
  return `${own}${own ? '' : 'if '}UNCONDITIONAL with sensitivity <= ${clearanceName(r)}, or CONDITIONAL under an approved request`;
}

function clearanceName(r: Role): string {
  return (
    (
      {
        PUBLIC: 'PUBLIC 公开 (published only)',
        EVALUATOR: 'INTERNAL 内部',
        DISCIPLINE: 'SECRET 高度敏感（工作秘密）',
      } as Partial<Record<Role, string>>
    )[r] ?? 'RESTRICTED 敏感'
  );
}

/** type name -> field name -> access level. */
export type TypeRules = Record<string, Record<string, FieldAccess>>;

export { ALL_ROLES };
