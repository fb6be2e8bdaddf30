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
import { EvidenceError, receiveUpload, type EvidenceStorage } from '../evidence/index.js';
import { organizationIdsByCodes } from '../organization/organization.repo.js';
import { canUploadEvidence, isUnitOf } from '../../policy/rectification.js';
import { ledgerRows, writeLedgerXlsxTo } from './rectification.ledger.js';
import { loadVisibleTask, viewOf } from './rectification.reads.js';
import { RectificationState } from './rectification.entity.js';
import { evidenceById, insertEvidence } from './rectification-evidence.repo.js';
import type { RectificationFilter } from './rectification.types.js';

export interface HttpDeps {
  contextFor(req: Request): Promise<HubContext>;
  evidence: EvidenceStorage;
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
    if (!canUploadEvidence(ctx.viewer, view)) {
      return fail(res, 409, 'ILLEGAL_TRANSITION', `A task that is ${task.state} takes no more evidence.`);
    }
    try {
      const { stored } = await receiveUpload(req, deps.evidence, { maxBytes: deps.maxEvidenceBytes });
      const evidenceId = await insertEvidence(ctx.knex, {
        taskId: task.dbId,
        sha256: stored.sha256,
        fileName: stored.fileName,
        contentType: stored.contentType,
        size: stored.size,
        uploadedById: ctx.viewer.orgId,
        uploadedByUser: ctx.viewer.userId ?? 'unknown',
      });
      ctx.log.info(
        { task: task.dbId, evidence: evidenceId, size: stored.size, type: stored.contentType },
        'evidence uploaded',
      );
      res.status(201).json({ id: toGlobalId('Evidence', evidenceId), ...stored });
    } catch (e) {
      if (e instanceof EvidenceError) return fail(res, e.httpStatus, e.code, e.message);
      throw e;
    }
  });

  app.get('/evidence/:id', async (req, res) => {
    const ctx = await withContext(deps, req, res);
    if (!ctx) return;
    const g = fromGlobalId(String(req.params.id));
    const ev = g?.type === 'Evidence' ? await evidenceById(ctx.knex, g.id) : undefined;
    // the file is readable exactly when its task is
    const task = ev ? await loadVisibleTask(ctx, ev.rectification_id) : null;
    if (!ev || !task) return fail(res, 404, 'NOT_FOUND', 'No such evidence file.');
    try {
      const { stream, size } = await deps.evidence.open(ev.sha256);
      res.setHeader('content-type', ev.content_type);
      res.setHeader('content-length', String(size));
      res.setHeader('content-disposition', disposition(ev.file_name));
      res.setHeader('x-content-sha256', ev.sha256);
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
    const parsed = await ledgerFilterFromQuery(ctx, req.query as Record<string, unknown>);
    if ('error' in parsed) return fail(res, 400, 'BAD_USER_INPUT', parsed.error);
    const filter = parsed.filter;
    const me = ctx.viewer.orgId ? await ctx.loaders.organization.load(ctx.viewer.orgId) : null;
    res.setHeader('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    res.setHeader(
      'content-disposition',
      disposition(`整改台账-${new Date().toISOString().slice(0, 10)}.xlsx`),
    );
    try {
      await writeLedgerXlsxTo(res, ledgerRows(ctx, filter), {
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

const LEDGER_PARAMS = new Set(['states', 'units', 'overdue', 'overdueMoreThanDays']);

/**
 * The ledger's query parameters, checked before anything is sent: states by name, units by global id
 * or by code (what people type, e.g. HC-U001), overdue true/false, overdueMoreThanDays a whole number.
 */
export async function ledgerFilterFromQuery(
  ctx: HubContext,
  q: Record<string, unknown>,
): Promise<{ filter: RectificationFilter } | { error: string }> {
  for (const [k, v] of Object.entries(q)) {
    if (!LEDGER_PARAMS.has(k))
      return { error: `Unknown parameter "${k}"; use ${[...LEDGER_PARAMS].join(', ')}.` };
    if (typeof v !== 'string') return { error: `Give "${k}" once, as one comma-separated value.` };
  }
  const list = (v: unknown) =>
    typeof v === 'string'
      ? v
          .split(',')
          .map((s) => s.trim())
          .filter(Boolean)
      : null;
  const states = list(q.states);
  const allStates = Object.values(RectificationState) as string[];
  const badState = states?.find((s) => !allStates.includes(s));
  if (badState !== undefined)
    return { error: `Unknown state "${badState}"; states must be among ${allStates.join(', ')}.` };
  let units: string[] | null = null;
  const unitArgs = list(q.units);
  if (unitArgs) {
    if (unitArgs.length > 500) return { error: 'units accepts at most 500 units.' };
    const codes = unitArgs.filter((u) => fromGlobalId(u)?.type !== 'Organization');
    const byCode = await organizationIdsByCodes(ctx.knex, codes);
    const unknown = codes.filter((c) => !byCode.has(c));
    if (unknown.length)
      return {
        error: `Unknown unit ${unknown.map((u) => `"${u.slice(0, 64)}"`).join(', ')}: give unit codes (e.g. HC-U001) or Organization ids.`,
      };
    units = unitArgs.map((u) =>
      fromGlobalId(u)?.type === 'Organization' ? u : toGlobalId('Organization', byCode.get(u)!),
    );
  }
  let overdue: boolean | null = null;
  if (q.overdue !== undefined) {
    if (q.overdue !== 'true' && q.overdue !== 'false') return { error: 'overdue must be true or false.' };
    overdue = q.overdue === 'true';
  }
  let overdueMoreThanDays: number | null = null;
  if (q.overdueMoreThanDays !== undefined) {
    overdueMoreThanDays = Number(q.overdueMoreThanDays);
    if (!/^\d+$/.test(String(q.overdueMoreThanDays)) || !Number.isSafeInteger(overdueMoreThanDays))
      return { error: 'overdueMoreThanDays must be a whole number of days (0 or more).' };
  }
  return { filter: { states: states as RectificationState[] | null, units, overdue, overdueMoreThanDays } };
}

export function describeFilter(f: RectificationFilter): string {
  const parts: string[] = [];
  if (f.states?.length) parts.push(`整改状态：${f.states.join('、')}`);
  if (f.units?.length) parts.push(`责任单位：${f.units.length}个`);
  if (f.overdue != null) parts.push(`是否逾期：${f.overdue ? '是' : '否'}`);
  if (f.overdueMoreThanDays != null) parts.push(`逾期超过${f.overdueMoreThanDays}天`);
  return parts.join('；');
}
