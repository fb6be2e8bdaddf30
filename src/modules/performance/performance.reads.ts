/** Reads under the viewer's permissions shared by the chain's resolvers and the HTTP export. */
import type { HubContext } from '../../context.js';
import { canSeeFindingRow, canSeeReviewRow } from '../../policy/access.js';
import { canSeeSelfEvaluation, canSeeTargetSet } from '../../policy/performance.js';
import { selfEvaluationById } from './evaluation.repo.js';
import { targetSetById } from './targets.repo.js';

export async function visibleReview(ctx: HubContext, id: number | null) {
  if (id == null) return null;
  const r = await ctx.loaders.review.load(id);
  return r && canSeeReviewRow(ctx.viewer, r) ? r : null;
}

export async function visibleFinding(ctx: HubContext, id: number | null) {
  if (id == null) return null;
  const f = await ctx.loaders.finding.load(id);
  return f && canSeeFindingRow(ctx.viewer, f) ? f : null;
}

export async function visibleTargetSet(ctx: HubContext, id: number | null) {
  if (id == null) return null;
  const t = await targetSetById(ctx.knex, id);
  return t && canSeeTargetSet(ctx.viewer, t) ? t : null;
}

export async function visibleSelfEvaluation(ctx: HubContext, id: number | null) {
  if (id == null) return null;
  const s = await selfEvaluationById(ctx.knex, id);
  return s && canSeeSelfEvaluation(ctx.viewer, s) ? s : null;
}

/** "12.5" (percent, up to two decimals) → basis points; null when malformed. */
export function percentToBp(p: string): number | null {
  const t = (p ?? '').trim();
  if (!/^\d{1,3}(\.\d{1,2})?$/.test(t) || Number(t) > 100) return null;
  return Math.round(Number(t) * 100);
}
export const bpToPercent = (bp: number) => (bp / 100).toString();
