/**
 * Plain HTTP next to /graphql, for what GraphQL does badly — files:
 *   POST /rectifications/:id/evidence   multipart (field "file"): upload evidence for a task (the unit)
 *   GET  /evidence/:id                  download, for whoever may read the task
 *   GET  /rectifications/ledger.xlsx    the 整改台账 for a filter, same permissions as the API
 * All take the same bearer token as /graphql. A task or file you may not see is 404, like one that
 * does not exist.
 */
import { pipeline } from 'node:stream/promises';
import type { Express, Request, Response } from 'express';
import { GraphQLError } from 'graphql';
import type { HubContext } from '../../context.js';
import { fromGlobalId, toGlobalId } from '../../shared/global-id.js';
import { EvidenceError, EvidenceStore, receiveUpload } from '../evidence/evidence.store.js';
import { writeRectificationLedgerTo } from './ledger-export.js';
import { ledgerRows } from './rectification.ledger.js';
import { loadVisibleTask, viewOf } from './rectification.resolver.js';
import { RectificationState } from './rectification.entity.js';
import { canReport, isUnitOf } from './rectification.service.js';
import type { RectificationFilter } from './rectification.types.js';

export interface HttpDeps {
  contextFor(req: Request): Promise<HubContext>;
  evidence: EvidenceStore;
  maxEvidenceBytes: number;
}

function fail(res: Response, status: number, code: string, message: string) {
  res.status(status).json({ error: { code, message } });
}

async function withContext(deps: HttpDeps, req: Request, res: Response): Promise<HubContext | null> {
  try {
    return await deps.contextFor(req);
  } catch (e) {
    if (e instanceof GraphQLError) fail(res, 401, 'UNAUTHENTICATED', e.message);
    else throw e;
    return null;
  }
}

/** "contentType, fileName" into a Content-Disposition that keeps Chinese names (RFC 6266/5987). */
function disposition(fileName: string): string {
  const ascii = fileName.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}

export function mountRectificationRoutes(app: Express, deps: HttpDeps): void {
  app.post('/rectifications/:id/evidence', async (req, res) => {
    const ctx = await withContext(deps, req, res);
    if (!ctx) return;
    const g = fromGlobalId(String(req.params.id));
    const task = g?.type === 'Rectification' ? await loadVisibleTask(ctx, g.id) : null;
    if (!task) return fail(res, 404, 'NOT_FOUND', 'No such rectification task.');
    const view = await viewOf(ctx, task);
    if (!isUnitOf(ctx.viewer, view))
      return fail(res, 403, 'FORBIDDEN', 'Only the responsible unit uploads evidence.');
    if (!canReport(ctx.viewer, view) && task.state !== RectificationState.SUBMITTED) {
      return fail(res, 409, 'ILLEGAL_TRANSITION', `A task that is ${task.state} takes no more evidence.`);
    }
    try {
      const { stored } = await receiveUpload(req, deps.evidence, { maxBytes: deps.maxEvidenceBytes });
      const [row] = (await ctx
        .knex('evidence')
        .insert({
          rectification_id: task.dbId,
          sha256: stored.sha256,
          file_name: stored.fileName,
          content_type: stored.contentType,
          size: stored.size,
          uploaded_by_id: ctx.viewer.orgId,
          uploaded_by_user: ctx.viewer.userId ?? 'unknown',
        })
        .returning('id')) as { id: number }[];
      ctx.log.info(
        { task: task.dbId, evidence: row!.id, size: stored.size, type: stored.contentType },
        'evidence uploaded',
      );
      res.status(201).json({ id: toGlobalId('Evidence', row!.id), ...stored });
    } catch (e) {
      if (e instanceof EvidenceError) return fail(res, e.httpStatus, e.code, e.message);
      throw e;
    }
  });

  app.get('/evidence/:id', async (req, res) => {
    const ctx = await withContext(deps, req, res);
    if (!ctx) return;
    const g = fromGlobalId(String(req.params.id));
    const ev =
      g?.type === 'Evidence'
        ? ((await ctx.knex('evidence').select('*').where('id', g.id).first()) as
            Record<string, unknown> | undefined)
        : undefined;
    // the file is readable exactly when its task is
    const task = ev ? await loadVisibleTask(ctx, ev.rectification_id as number) : null;
    if (!ev || !task) return fail(res, 404, 'NOT_FOUND', 'No such evidence file.');
    try {
      const { stream, size } = await deps.evidence.open(ev.sha256 as string);
      res.setHeader('content-type', ev.content_type as string);
      res.setHeader('content-length', String(size));
      res.setHeader('content-disposition', disposition(ev.file_name as string));
      res.setHeader('x-content-sha256', ev.sha256 as string);
      res.setHeader('x-content-type-options', 'nosniff');
      // pipeline closes the file when the client goes away mid-download
      await pipeline(stream, res).catch(() => {});
    } catch (e) {
      if (e instanceof EvidenceError) return fail(res, e.httpStatus, e.code, e.message);
      throw e;
    }
  });

  app.get('/rectifications/ledger.xlsx', async (req, res) => {
    const ctx = await withContext(deps, req, res);
    if (!ctx) return;
    if (!ctx.viewer.orgId) return fail(res, 401, 'UNAUTHENTICATED', 'The ledger needs a token.');
    const q = req.query as Record<string, string | undefined>;
    const filter: RectificationFilter = {
      states: q.states ? (q.states.split(',') as RectificationState[]) : null,
      units: q.units ? q.units.split(',') : null,
      overdue: q.overdue === undefined ? null : q.overdue === 'true',
      overdueMoreThanDays: q.overdueMoreThanDays ? Number(q.overdueMoreThanDays) : null,
    };
    if (filter.states?.some((s) => !Object.values(RectificationState).includes(s))) {
      return fail(
        res,
        400,
        'BAD_USER_INPUT',
        `states must be among ${Object.values(RectificationState).join(', ')}`,
      );
    }
    if (filter.overdueMoreThanDays != null && !Number.isInteger(filter.overdueMoreThanDays)) {
      return fail(res, 400, 'BAD_USER_INPUT', 'overdueMoreThanDays must be a whole number');
    }
    const me = ctx.viewer.orgId ? await ctx.loaders.organization.load(ctx.viewer.orgId) : null;
    res.setHeader('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    res.setHeader(
      'content-disposition',
      disposition(`整改台账-${new Date().toISOString().slice(0, 10)}.xlsx`),
    );
    try {
      await writeRectificationLedgerTo(res, ledgerRows(ctx, filter), {
        title: '问题整改台账',
        generatedAt: new Date(),
        generatedBy: me?.name ?? '',
        filterText: describeFilter(filter),
      });
    } catch (e) {
      ctx.log.error({ err: e }, 'ledger export failed');
    }
  });
}

export function describeFilter(f: RectificationFilter): string {
  const parts: string[] = [];
  if (f.states?.length) parts.push(`整改状态：${f.states.join('、')}`);
  if (f.units?.length) parts.push(`责任单位：${f.units.length}个`);
  if (f.overdue != null) parts.push(`是否逾期：${f.overdue ? '是' : '否'}`);
  if (f.overdueMoreThanDays != null) parts.push(`逾期超过${f.overdueMoreThanDays}天`);
  return parts.join('；');
}
