/**
 * GET /reports/rectification.docx?year=2025[&unit=<id>][&source=AUDIT] — the yearly report
 * (整改情况报告) as a Word document, with the bearer token's figures (the same as rectificationReport).
 */
import type { Express, Request, Response } from 'express';
import { GraphQLError } from 'graphql';
import type { HubContext } from '../../context.js';
import { canReadReport } from '../../policy/reports.js';
import { FindingSource } from '../../shared/enums.js';
import { computeReport } from './statistics.js';
import { reportDocx, reportTitle } from './report.docx.js';

export interface StatisticsHttpDeps {
  contextFor(req: Request): Promise<HubContext>;
}

function fail(res: Response, status: number, code: string, message: string) {
  res.status(status).json({ error: { code, message } });
}

export function mountStatisticsRoutes(app: Express, deps: StatisticsHttpDeps): void {
  app.get('/reports/rectification.docx', async (req, res) => {
    let ctx: HubContext;
    try {
      ctx = await deps.contextFor(req);
    } catch (e) {
      if (e instanceof GraphQLError) return fail(res, 401, 'UNAUTHENTICATED', e.message);
      throw e;
    }
    if (!canReadReport(ctx.viewer)) return fail(res, 403, 'FORBIDDEN', 'This role may not have the report.');
    const q = req.query as Record<string, unknown>;
    const year = Number(q.year);
    if (typeof q.year !== 'string' || !/^\d{4}$/.test(q.year))
      return fail(res, 400, 'BAD_USER_INPUT', '"year" must be a fiscal year such as 2025.');
    const source = q.source == null ? null : String(q.source);
    if (source && !(Object.values(FindingSource) as string[]).includes(source))
      return fail(
        res,
        400,
        'BAD_USER_INPUT',
        `"source" must be one of ${Object.values(FindingSource).join(', ')}.`,
      );
    let report;
    try {
      report = await computeReport(
        ctx.knex,
        ctx.viewer,
        year,
        { unit: q.unit == null ? null : String(q.unit), source: source as FindingSource | null },
        ctx.settings.disciplineMinCount,
      );
    } catch (e) {
      if (e instanceof GraphQLError && e.extensions.code === 'BAD_USER_INPUT')
        return fail(res, 400, 'BAD_USER_INPUT', e.message);
      throw e;
    }
    const body = await reportDocx(report);
    const name = `${reportTitle(report)}.docx`;
    res.setHeader('content-type', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document');
    res.setHeader(
      'content-disposition',
      `attachment; filename="rectification-report-${year}.docx"; filename*=UTF-8''${encodeURIComponent(name)}`,
    );
    res.send(body);
  });
}
