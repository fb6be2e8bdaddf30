/** The one shape of a proposal that the API and the .xlsx export both show. */
import { fenToYuan } from './money-text.js';
import type { HubContext } from '../../context.js';
import { proposals, type ProposalRow } from './application.service.js';
import type { BudgetAction } from './performance.entity.js';
import { unitDbId } from './ids.js';

export function proposalView(p: ProposalRow) {
  return {
    ...p,
    resultKind: p.result?.kind ?? null,
    score: p.result?.score ?? null,
    grade: p.proposal.bandLabel,
    action: p.proposal.action,
    reduceAmount: fenToYuan(p.proposal.reduceFen),
    holdBackAmount: fenToYuan(p.proposal.holdBackFen),
    proposedAmount: fenToYuan(p.proposal.proposedFen),
    assessmentPoints: p.proposal.assessmentPoints,
    explanation: p.proposal.explanation,
  };
}
export type ProposalView = ReturnType<typeof proposalView>;

/** The proposals a filter selects, as the API shows them (also used by the .xlsx export). */
export async function proposalViews(
  ctx: HubContext,
  resultYear: number,
  filter: {
    unit?: string | null;
    actions?: BudgetAction[] | null;
    decided?: boolean | null;
    overridden?: boolean | null;
  } | null,
): Promise<ProposalView[]> {
  const rows = await proposals(ctx.knex, ctx.viewer, resultYear, {
    unitId: filter?.unit ? unitDbId(filter.unit) : null,
    actions: filter?.actions ?? null,
    decided: filter?.decided ?? null,
    overridden: filter?.overridden ?? null,
  });
  return rows.map(proposalView);
}
