/** Opaque ids of the chain's objects (base64url of "Type:dbId"), and the subject of a set or evaluation. */
import { fromGlobalId } from '../../shared/global-id.js';
import { UserInputProblem } from '../../shared/user-error.js';

export type ChainType =
  | 'PerformanceTargetSet'
  | 'PreAssessment'
  | 'MonitoringAction'
  | 'SelfEvaluation'
  | 'SpotCheck'
  | 'SpotCheckItem'
  | 'BudgetDecision';

export const chainId = (type: ChainType, id: number) => Buffer.from(`${type}:${id}`).toString('base64url');

/** The db id of one of the chain's ids of `type`; throws NOT_FOUND for anything else. */
export function chainDbId(type: ChainType, gid: string, field = 'id'): number {
  const raw =
    typeof gid === 'string' && gid.length <= 64 ? Buffer.from(gid, 'base64url').toString('utf8') : '';
  const m = /^([A-Za-z]+):(\d{1,9})$/.exec(raw);
  if (!m || m[1] !== type) throw new UserInputProblem('NOT_FOUND', `No such ${type}.`, field);
  return Number(m[2]);
}

/** A Project or Organization (unit) id → subject; throws NOT_FOUND otherwise. */
export function subjectOf(gid: string, field = 'subject'): { kind: 'P' | 'U'; id: number } {
  const g = fromGlobalId(gid);
  if (g?.type === 'Project') return { kind: 'P', id: g.id };
  if (g?.type === 'Organization') return { kind: 'U', id: g.id };
  throw new UserInputProblem(
    'NOT_FOUND',
    'The subject must be a Project or a unit (Organization) id.',
    field,
  );
}

export function projectDbId(gid: string, field = 'project'): number {
  const g = fromGlobalId(gid);
  if (g?.type !== 'Project') throw new UserInputProblem('NOT_FOUND', 'No such project.', field);
  return g.id;
}

export function unitDbId(gid: string, field = 'unit'): number {
  const g = fromGlobalId(gid);
  if (g?.type !== 'Organization') throw new UserInputProblem('NOT_FOUND', 'No such unit.', field);
  return g.id;
}

/** A Postgres int[] literal bound as one value (knex expands a JS array into a list of parameters). */
export const intArray = (ids: readonly number[]) => `{${ids.map((n) => Math.trunc(n)).join(',')}}`;
