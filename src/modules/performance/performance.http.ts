/**
 * GET /performance/proposals.xlsx?resultYear=2025[&unit=<id>][&actions=REDUCE,CANCEL][&decided=true]
 * (bearer token): the budget meeting's sheet, the same rows as `budgetProposals` for the same viewer.
 */
import type { Express, Request, Response } from 'express';
import { GraphQLError } from 'graphql';
import type { HubContext } from '../../context.js';
import { UserInputProblem } from '../../shared/user-error.js';
import { APPLICATION_ROLES } from '../../policy/performance.js';
import { BudgetAction } from './performance.entity.js';
import { proposalViews } from './application.view.js';
import { writeProposalsXlsx } from './application.xlsx.js';

export interface PerformanceHttpDeps {
  contextFor(req: Request): Promise<HubContext>;
}

const fail = (res: Response, status: number, code: string, message: string) =>
  res.status(status).json({ error: { code, message } });

const PARAMS = new Set(['resultYear', 'unit', 'actions', 'decided', 'overridden']);

export function mountPerformanceRoutes(app: Express, deps: PerformanceHttpDeps): void {
  app.get('/performance/proposals.xlsx', async (req, res) => {
    let ctx: HubContext;
    try {
      ctx = await deps.contextFor(req);
    } catch (e) {
      if (e instanceof GraphQLError) return fail(res, 401, 'UNAUTHENTICATED', e.message);
      throw e;
    }
    if (!ctx.viewer.orgId) return fail(res, 401, 'UNAUTHENTICATED', 'The export needs a token.');
    if (!APPLICATION_ROLES.includes(ctx.viewer.role))
      return fail(res, 403, 'FORBIDDEN', 'Proposals are for the finance bureau, leadership and units.');
    const q = req.query as Record<string, unknown>;
    for (const [k, v] of Object.entries(q)) {
      if (!PARAMS.has(k))
        return fail(res, 400, 'BAD_USER_INPUT', `Unknown parameter "${k}"; use ${[...PARAMS].join(', ')}.`);
      if (typeof v !== 'string') return fail(res, 400, 'BAD_USER_INPUT', `Give "${k}" once.`);
    }
    const year = Number(q.resultYear);
    if (!Number.isInteger(year) || year < 2000 || year > 2100)
      return fail(res, 400, 'BAD_USER_INPUT', '"resultYear" must be a year, e.g. 2025.');
    const actions =
      typeof q.actions === 'string'
        ? q.actions
            .split(',')
            .map((s) => s.trim())
            .filter(Boolean)
        : null;
    if (actions?.some((a) => !(a in BudgetAction)))
      return fail(
        res,
        400,
        'BAD_USER_INPUT',
        `"actions" must be among ${Object.keys(BudgetAction).join(', ')}.`,
      );
    const bool = (v: unknown) => (v === 'true' ? true : v === 'false' ? false : null);
    let rows;
    try {
      rows = await proposalViews(ctx, year, {
        unit: (q.unit as string | undefined) ?? null,
        actions: actions as BudgetAction[] | null,
        decided: bool(q.decided),
        overridden: bool(q.overridden),
      });
    } catch (e) {
      if (e instanceof UserInputProblem) return fail(res, 400, 'BAD_USER_INPUT', e.message);
      throw e;
    }
    const me = await ctx.loaders.organization.load(ctx.viewer.orgId);
    const fileName = `${year + 2}年预算安排建议表.xlsx`;
    res.setHeader('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    res.setHeader(
      'content-disposition',
      `attachment; filename="proposals-${year + 2}.xlsx"; filename*=UTF-8''${encodeURIComponent(fileName)}`,
    );
    try {
      await writeProposalsXlsx(res, rows, {
        resultYear: year,
        generatedBy: (me as { name?: string } | null)?.name ?? '',
        generatedAt: new Date(),
      });
    } catch (e) {
      ctx.log.error({ err: e }, 'proposal export failed');
    }
  });
}
