/**
 * Rows of the 整改台账 for a viewer and a filter, read in batches so that tens of thousands of tasks
 * stream out without being held in memory. Same row scope and filter as the API (rectification.repo.ts).
 */
import type { Writable } from 'node:stream';
import type { HubContext } from '../../context.js';
import type { FindingSource, PublicationState, Sensitivity } from '../../shared/enums.js';
import { canReadContent } from '../../policy/access.js';
import type { LedgerExportMeta, LedgerExportRow } from './ledger-export.js';
import { ledgerFindingsOf, organizationNames, supervisorsOfTasks, tasksAfter } from './rectification.repo.js';
import { ledgerEventsOf } from './rectification-events.repo.js';
import { toTaskFilter } from './rectification.reads.js';
import type { RectificationFilter } from './rectification.types.js';

const SOURCE_ZH: Record<string, string> = {
  PERFORMANCE: '财政绩效评价',
  AUDIT: '审计',
  REFORM: '发改稽察',
  DISCIPLINE: '纪检监察',
};
const KIND_ZH: Record<string, string> = {
  IMMEDIATE: '立行立改',
  DEADLINE: '限期整改',
  LONG_TERM: '持续整改',
};
const STATE_ZH: Record<string, string> = {
  ASSIGNED: '待整改',
  IN_PROGRESS: '整改中',
  SUBMITTED: '已提交待核验',
  RETURNED: '退回',
  CLOSED: '已销号',
};

const BATCH = 500;

export async function* ledgerRows(
  ctx: HubContext,
  filter: RectificationFilter | null,
): AsyncGenerator<LedgerExportRow> {
  const knex = ctx.knex;
  const taskFilter = toTaskFilter(filter);
  let after = 0;
  for (;;) {
    const tasks = await tasksAfter(knex, ctx.viewer, taskFilter, after, BATCH);
    if (!tasks.length) return;
    after = tasks[tasks.length - 1]!.dbId;
    const ids = tasks.map((t) => t.dbId);
    const [findings, sups, events, orgs] = await Promise.all([
      ledgerFindingsOf(knex, ids),
      supervisorsOfTasks(knex, ids),
      ledgerEventsOf(knex, ids),
      organizationNames(knex),
    ]);
    const orgName = new Map(
      orgs.map((o) => [o.id as number, (o.short_name as string | null) ?? (o.name as string)]),
    );
    for (const t of tasks) {
      const fs = findings.filter((f) => f.rectification_id === t.dbId);
      const evs = events.filter((e) => e.rectification_id === t.dbId);
      const reports = evs
        .filter((e) => e.type === 'REPORTED')
        .map((e) => e.payload as Record<string, unknown>);
      let fen = 0n;
      for (const r of reports) {
        if (r.moneyRecovered) {
          const [i, d = ''] = String(r.moneyRecovered).split('.');
          fen += BigInt(i!) * 100n + BigInt((d + '00').slice(0, 2));
        }
      }
      const supervisorIds = sups
        .filter((s) => s.rectification_id === t.dbId)
        .map((s) => s.agency_id as number);
      const verdict = new Map<number, string>();
      for (const e of evs) {
        const p = e.payload as Record<string, unknown>;
        if (p.submission !== t.submissionNo) continue;
        verdict.set(e.actor_id as number, e.type === 'APPROVED' ? '已通过' : '退回');
      }
      // titles only where the viewer may read the finding's content: the same policy as the API
      const readable = fs.map((f) => {
        const content = canReadContent(ctx.viewer, {
          __typename: 'Finding',
          dbId: f.finding_id as number,
          source: f.source as FindingSource,
          category: f.category as string,
          agencyId: f.agency_id as number,
          unitId: f.unit_id as number,
          sensitivity: f.sensitivity as Sensitivity,
          publicationState: f.publication_state as PublicationState,
        });
        return {
          source: SOURCE_ZH[f.source as string] ?? String(f.source),
          ref: content ? String(f.source_ref) : '—',
          description: content ? String(f.description) : `（${String(f.category)}，内容未共享）`,
        };
      });
      const lastReport = reports[reports.length - 1];
      yield {
        source: [...new Set(readable.map((r) => r.source))].join('、'),
        findingRefs: readable.map((r) => r.ref).join('、'),
        findingSummary: readable.map((r) => r.description).join('；'),
        unitName: orgName.get(t.unitId) ?? '',
        leadAgency: orgName.get(t.leadId) ?? '',
        coSupervisors: supervisorIds
          .filter((s) => s !== t.leadId)
          .map((s) => orgName.get(s) ?? '')
          .join('、'),
        kind: KIND_ZH[t.kind] ?? t.kind,
        measures: t.measures,
        deadline: t.deadline,
        state: STATE_ZH[t.state] ?? t.state,
        overdue: t.daysOverdue > 0,
        moneyRecovered: `${fen / 100n}.${String(fen % 100n).padStart(2, '0')}`,
        rulesEstablished: reports
          .map((r) => r.rulesEstablished)
          .filter(Boolean)
          .join('；'),
        verification:
          t.state === 'SUBMITTED' || t.state === 'CLOSED' || t.state === 'RETURNED'
            ? supervisorIds.map((s) => `${orgName.get(s) ?? ''}：${verdict.get(s) ?? '待核验'}`).join('；')
            : '',
        latestProgress: lastReport ? `${String(lastReport.text)}（${String(lastReport.percent)}%）` : '',
        closedOn: t.closedAt ? t.closedAt.toISOString().slice(0, 10) : null,
      };
    }
  }
}

/**
 * Writes the ledger as .xlsx into `stream` (ledger-export.ts). The writer (exceljs) loads on first use,
 * so that entering this module for anything else (entities, loaders, rules) does not load it.
 */
export async function writeLedgerXlsxTo(
  stream: Writable,
  rows: Iterable<LedgerExportRow> | AsyncIterable<LedgerExportRow>,
  meta: LedgerExportMeta,
): Promise<void> {
  const { writeRectificationLedgerTo } = await import('./ledger-export.js');
  return writeRectificationLedgerTo(stream, rows, meta);
}
