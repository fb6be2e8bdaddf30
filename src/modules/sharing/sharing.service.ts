/**
 * Sharing rules and conditional access (有条件共享): invariants and state transitions, no GraphQL.
 * Every change is one transaction together with its SharingEvent, and every update checks the version
 * the caller saw (optimistic lock), so concurrent decisions cannot overwrite one another.
 *
 * Who may do what is decided by src/policy/access-requests.ts; the reads are in sharing.repo.ts.
 *
 * Public methods throw UserInputProblem for problems the caller can fix (codes below).
 */
import { LockMode, OptimisticLockError } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Viewer } from '../../auth/viewer.js';
import { Role } from '../../shared/enums.js';
import { UserInputProblem } from '../../shared/user-error.js';
import { levelOf, type SharingState } from '../../policy/sharing.js';
import {
  agencyOf,
  canDecide,
  canRevoke,
  canSetSharingRule,
  effectiveStatus,
  isOwnerOf,
} from '../../policy/access-requests.js';
import { Organization } from '../organization/organization.entity.js';
import {
  AccessRequest,
  AccessRequestStatus,
  AccessScope,
  SharingAction,
  SharingEvent,
  SharingLevel,
  SharingRule,
} from './sharing.entity.js';
import { findingsForRequest, sourceOfOwnerCategory } from './sharing.repo.js';
import { announceSharingChange, sharingChangedLocally, type SharingChange } from './sharing.cache.js';

export const MAX_GRANT_DAYS = 366;

function requireAgency(v: Viewer): number {
  const agency = agencyOf(v);
  if (agency === null) throw new UserInputProblem('NOT_AN_AGENCY', 'Only an oversight agency can do this.');
  return agency;
}

function checkText(value: string | null | undefined, field: string, min: number, max: number): string {
  const t = (value ?? '').trim();
  if (t.length < min)
    throw new UserInputProblem('REQUIRED', `"${field}" needs at least ${min} characters.`, field);
  if (t.length > max)
    throw new UserInputProblem('TOO_LONG', `"${field}" is limited to ${max} characters.`, field);
  return t;
}

async function record(
  em: EntityManager,
  v: Viewer,
  action: SharingAction,
  payload: Record<string, unknown>,
  refs: { request?: AccessRequest; rule?: SharingRule },
) {
  em.create(SharingEvent, {
    actor: em.getReference(Organization, v.orgId!),
    actorUser: v.userId ?? 'unknown',
    action,
    payload,
    request: refs.request ?? null,
    rule: refs.rule ?? null,
    at: new Date(),
  });
}

/**
 * A write of the sharing state: `work` runs in one transaction and names what it changes with
 * `changed`, which queues the notification to every hub process (delivered at commit); once the
 * transaction has ended, this process's caches drop the change at once (src/modules/sharing/sharing.cache.ts).
 */
async function sharingWrite<T>(
  em: EntityManager,
  work: (tx: EntityManager, changed: (c: SharingChange) => Promise<void>) => Promise<T>,
): Promise<T> {
  const changes: SharingChange[] = [];
  const topLevel = !em.isInTransaction();
  try {
    return await em.transactional((tx) =>
      work(tx, async (c) => {
        changes.push(c);
        await announceSharingChange(tx, c, topLevel);
      }),
    );
  } finally {
    for (const c of changes) sharingChangedLocally(em.getKnex(), c);
  }
}

export async function setSharingRule(
  em: EntityManager,
  v: Viewer,
  input: { ownerId: number | null; category: string | null; level: SharingLevel; note: string | null },
): Promise<SharingRule> {
  let ownerId: number;
  if (v.role === Role.HUB_ADMIN) {
    if (input.ownerId === null) throw new UserInputProblem('REQUIRED', 'Name the owner agency.', 'owner');
    ownerId = input.ownerId;
  } else {
    const own = requireAgency(v);
    ownerId = input.ownerId ?? own;
    if (!canSetSharingRule(v, ownerId)) {
      throw new UserInputProblem('NOT_OWNER', 'An agency can only classify its own records.', 'owner');
    }
  }
  const category = input.category === null ? null : checkText(input.category, 'category', 1, 100);
  const note = input.note === null ? null : checkText(input.note, 'note', 0, 500) || null;
  return sharingWrite(em, async (tx, changed) => {
    const owner = await tx.findOne(Organization, ownerId);
    if (!owner || owner.kind !== 'OVERSIGHT_AGENCY') {
      throw new UserInputProblem('NOT_FOUND', 'No such oversight agency.', 'owner');
    }
    // one row per (owner, category): lock it so two concurrent settings serialise
    let rule = await tx.findOne(
      SharingRule,
      { owner: ownerId, category },
      { lockMode: LockMode.PESSIMISTIC_WRITE },
    );
    const before = rule?.level ?? null;
    if (rule) {
      rule.level = input.level;
      rule.note = note;
      rule.setBy = v.userId ?? 'unknown';
    } else {
      rule = tx.create(SharingRule, {
        owner,
        category,
        level: input.level,
        note,
        setBy: v.userId ?? 'unknown',
      });
    }
    await tx.flush();
    await record(
      tx,
      v,
      SharingAction.RULE_SET,
      { owner: owner.code, category, from: before, to: input.level },
      { rule },
    );
    await tx.flush();
    await changed({ rules: true });
    return rule;
  });
}

export interface RequestInput {
  ownerId: number;
  scope: AccessScope;
  category: string | null;
  findingIds: number[] | null;
  purpose: string;
  expiresAt: Date;
}

export async function createAccessRequest(
  em: EntityManager,
  v: Viewer,
  input: RequestInput,
  sharing: SharingState,
): Promise<AccessRequest> {
  const requesterId = requireAgency(v);
  if (input.ownerId === requesterId)
    throw new UserInputProblem('OWN_RECORDS', 'You already see your own records.', 'owner');
  const purpose = checkText(input.purpose, 'purpose', 2, 500);
  const now = Date.now();
  if (input.expiresAt.getTime() <= now)
    throw new UserInputProblem('BAD_EXPIRY', 'The expiry must be in the future.', 'expiresAt');
  if (input.expiresAt.getTime() > now + MAX_GRANT_DAYS * 86_400_000) {
    throw new UserInputProblem(
      'BAD_EXPIRY',
      `Access can be granted for at most ${MAX_GRANT_DAYS} days.`,
      'expiresAt',
    );
  }
  const knex = em.getKnex();
  let category: string | null = null;
  let findingIds: number[] | null = null;
  if (input.scope === AccessScope.CATEGORY) {
    if (input.findingIds?.length)
      throw new UserInputProblem('BAD_SCOPE', 'A CATEGORY request names no records.', 'findings');
    category = checkText(input.category, 'category', 1, 100);
    const source = await sourceOfOwnerCategory(knex, input.ownerId, category);
    if (!source)
      throw new UserInputProblem('NOT_FOUND', 'The owner has no records of that category.', 'category');
    const level = levelOf(sharing, { agencyId: input.ownerId, source, category });
    if (level !== SharingLevel.CONDITIONAL) {
      throw new UserInputProblem(
        level === SharingLevel.NOT_SHARED ? 'NOT_SHAREABLE' : 'ALREADY_SHARED',
        level === SharingLevel.NOT_SHARED
          ? 'The owner does not share this category (不予共享).'
          : 'This category is shared unconditionally; no request is needed (无条件共享).',
        'category',
      );
    }
  } else {
    if (input.category)
      throw new UserInputProblem('BAD_SCOPE', 'A RECORDS request names records, not a category.', 'category');
    const ids = [...new Set(input.findingIds ?? [])];
    if (!ids.length || ids.length > 100)
      throw new UserInputProblem('BAD_SCOPE', 'Name 1 to 100 findings.', 'findings');
    const rows = await findingsForRequest(knex, ids);
    // an id that does not exist and one of another owner get the same answer: nothing to probe
    if (rows.length !== ids.length || rows.some((r) => r.agencyId !== input.ownerId)) {
      throw new UserInputProblem(
        'NOT_FOUND',
        'Some of the findings are not records of this owner.',
        'findings',
      );
    }
    const notConditional = rows.find((r) => levelOf(sharing, r) !== SharingLevel.CONDITIONAL);
    if (notConditional) {
      const level = levelOf(sharing, notConditional);
      throw new UserInputProblem(
        level === SharingLevel.NOT_SHARED ? 'NOT_SHAREABLE' : 'ALREADY_SHARED',
        level === SharingLevel.NOT_SHARED
          ? 'Some of the findings are not shared by their owner (不予共享).'
          : 'Some of the findings are shared unconditionally; no request is needed.',
        'findings',
      );
    }
    findingIds = ids.sort((a, b) => a - b);
  }
  return sharingWrite(em, async (tx, changed) => {
    const req = tx.create(AccessRequest, {
      requester: tx.getReference(Organization, requesterId),
      owner: tx.getReference(Organization, input.ownerId),
      scope: input.scope,
      category,
      findingIds,
      purpose,
      expiresAt: input.expiresAt,
      status: AccessRequestStatus.PENDING,
      requestedBy: v.userId ?? 'unknown',
    });
    await tx.flush();
    await record(
      tx,
      v,
      SharingAction.REQUESTED,
      {
        scope: input.scope,
        category,
        findings: findingIds?.length ?? 0,
        expiresAt: input.expiresAt.toISOString(),
      },
      { request: req },
    );
    await tx.flush();
    // a pending request grants nothing yet; announced all the same, so every change of a requester's
    // requests reaches the caches
    await changed({ grantsOf: requesterId });
    return req;
  });
}

export type Decision = 'APPROVE' | 'REFUSE' | 'REVOKE';

export async function decideAccessRequest(
  em: EntityManager,
  v: Viewer,
  input: { id: number; version: number; decision: Decision; reason: string | null; expiresAt: Date | null },
): Promise<AccessRequest> {
  requireAgency(v);
  const reason =
    input.decision === 'APPROVE'
      ? input.reason
        ? checkText(input.reason, 'reason', 0, 500)
        : null
      : checkText(input.reason, 'reason', 2, 500);
  try {
    return await sharingWrite(em, async (tx, changed) => {
      const req = await tx.findOne(AccessRequest, input.id);
      // the requester learns nothing about requests that are not its own to decide
      if (!req || !isOwnerOf(v, { ownerId: req.owner.id }))
        throw new UserInputProblem('NOT_FOUND', 'No such request awaits your decision.', 'id');
      if (req.version !== input.version) {
        throw new UserInputProblem(
          'CONFLICT',
          `The request changed since you read it (version ${req.version}, not ${input.version}).`,
          'version',
        );
      }
      const view = { ownerId: req.owner.id, status: req.status, expiresAt: req.expiresAt };
      if (input.decision === 'REVOKE' ? !canRevoke(v, view) : !canDecide(v, view)) {
        throw new UserInputProblem(
          'INVALID_STATE',
          `A request that is ${effectiveStatus(req)} cannot be ${input.decision.toLowerCase()}d.`,
          'id',
        );
      }
      if (input.decision === 'APPROVE' && input.expiresAt) {
        if (input.expiresAt.getTime() <= Date.now() || input.expiresAt > req.expiresAt) {
          throw new UserInputProblem(
            'BAD_EXPIRY',
            'An approval may shorten the requested expiry, not extend it.',
            'expiresAt',
          );
        }
        req.expiresAt = input.expiresAt;
      }
      req.status =
        input.decision === 'APPROVE'
          ? AccessRequestStatus.APPROVED
          : input.decision === 'REFUSE'
            ? AccessRequestStatus.REFUSED
            : AccessRequestStatus.REVOKED;
      req.decidedBy = v.userId ?? 'unknown';
      req.decidedAt = new Date();
      req.reason = reason;
      await tx.flush();
      await record(
        tx,
        v,
        { APPROVE: SharingAction.APPROVED, REFUSE: SharingAction.REFUSED, REVOKE: SharingAction.REVOKED }[
          input.decision
        ],
        { reason, expiresAt: req.expiresAt.toISOString() },
        { request: req },
      );
      await tx.flush();
      await changed({ grantsOf: req.requester.id });
      return req;
    });
  } catch (e) {
    if (e instanceof OptimisticLockError) {
      throw new UserInputProblem(
        'CONFLICT',
        'Someone else changed the request at the same moment; read it again.',
        'version',
      );
    }
    throw e;
  }
}
