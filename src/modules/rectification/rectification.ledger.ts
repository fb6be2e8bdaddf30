/**
 * Rows of the 整改台账 for a viewer and a filter, read in batches so that tens of thousands of tasks
 * stream out without being held in memory. Same row scope and filter as the API (rectification.repo.ts).
 */
import type { Writable } from 'node:stream';
import type { HubContext } from '../../context.js';
import type { FindingSource, PublicationState, Sensitivity } from '../../shared/enums.js';
import { canReadAmount, canReadContact, canReadContent, type GuardedRecord } from '../../policy/access.js';
import { dateText, fenToYuan, toFen } from '../../shared/money-text.js';
import type { LedgerExportMeta, LedgerExportRow } from './ledger-export.js';
import { ledgerFindingsOf, organizationNames, supervisorsOfTasks, tasksAfter } from './rectification.repo.js';
import { ledgerEventsOf } from './rectification-events.repo.js';
import { toTaskFilter } from './rectification.reads.js';
import { breakdownText, moneyText } from './rectification.summary.js';
import type { RectificationFilter } from './rectification.types.js';

const SOURCE_ZH: Record<string, string> = {
  PERFORMANCE: '财政绩效评价',
  AUDIT: '审计',
  REFORM: '发改稽察',
  DISCIPLINE: '纪检监察',
};
const KIND_ZH: Record<string, string> = {
  IMMEDIATE: '立行立改',
  DEADLINE: '分阶段整改（限期整改）',
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

/** Beijing's calendar date of a timestamp (China has one time zone and no daylight saving). */
const beijingDay = (at: unknown) =>
  new Date(new Date(at as string | Date).getTime() + 8 * 3600 * 1000).toISOString().slice(0, 10);

/** 整改结果 in words, from the task's last verification (核验结论). */
function resultText(state: string, conclusion: string | null, last: Record<string, unknown> | undefined) {
  const p = (last?.payload ?? {}) as Record<string, unknown>;
  const confirmed = breakdownText(p.moneyVerified as Record<string, unknown> | undefined);
  const tail = confirmed ? `；核定整改金额：${confirmed}` : '';
  if (state === 'CLOSED') return `已整改，经全部共督部门核验销号${tail}`;
  switch (conclusion) {
    case 'PARTLY':
      return `部分整改：${String(p.reason ?? '')}${tail}`;
    case 'CONTINUING':
      return `持续整改${p.nextMilestone ? `，下一阶段节点${dateText(String(p.nextMilestone))}` : ''}`;
    case 'NOT_RECTIFIED':
      return `未整改：${String(p.reason ?? '')}`;
    default:
      return state === 'SUBMITTED' ? '整改完成，待核验' : '';
  }
}

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
      const byKind: Record<string, bigint> = {};
      let unclassified = 0n;
      for (const r of reports) {
        if (!r.moneyRecovered) continue;
        fen += toFen(String(r.moneyRecovered));
        const parts = r.money as Record<string, string> | undefined;
        if (!parts) unclassified += toFen(String(r.moneyRecovered));
        else for (const [k, v] of Object.entries(parts)) byKind[k] = (byKind[k] ?? 0n) + toFen(v);
      }
      const breakdown = breakdownText(
        Object.fromEntries(Object.entries(byKind).map(([k, v]) => [k, fenToYuan(v)])),
      );
      const moneyBreakdown =
        unclassified > 0n
          ? [breakdown, `未分项${moneyText(fenToYuan(unclassified))}`].filter(Boolean).join('、')
          : breakdown;
      const verdicts = evs.filter((e) =>
        ['APPROVED', 'PARTLY_RECTIFIED', 'RETURNED', 'ACCEPTED_LONG_TERM'].includes(e.type as string),
      );
      const lastSubmitted = evs.filter((e) => e.type === 'SUBMITTED').pop();
      const supervisorIds = sups
        .filter((s) => s.rectification_id === t.dbId)
        .map((s) => s.agency_id as number);
      const verdict = new Map<number, string>();
      for (const e of evs) {
        const p = e.payload as Record<string, unknown>;
        if (p.submission !== t.submissionNo) continue;
        if (!['APPROVED', 'PARTLY_RECTIFIED', 'RETURNED', 'ACCEPTED_LONG_TERM'].includes(e.type as string))
          continue;
        verdict.set(
          e.actor_id as number,
          { APPROVED: '已通过', PARTLY_RECTIFIED: '部分整改', ACCEPTED_LONG_TERM: '持续整改' }[
            e.type as string
          ] ?? '退回',
        );
      }
      // titles only where the viewer may read the finding's content: the same policy as the API
      let amountFen: bigint | null = null;
      let accountable = 0;
      const persons = new Set<string>();
      const readable = fs.map((f) => {
        const guarded: GuardedRecord = {
          __typename: 'Finding',
          dbId: f.finding_id as number,
          source: f.source as FindingSource,
          category: f.category as string,
          agencyId: f.agency_id as number,
          unitId: f.unit_id as number,
          sensitivity: f.sensitivity as Sensitivity,
          publicationState: f.publication_state as PublicationState,
          amountDisclosed: f.amount_disclosed as boolean,
        };
        const content = canReadContent(ctx.viewer, guarded);
        // the same field rules as the API: amounts (AMOUNT), contacts (CONTACT), accountability (CONTENT)
        if (f.amount_involved != null && canReadAmount(ctx.viewer, guarded))
          amountFen = (amountFen ?? 0n) + toFen(String(f.amount_involved));
        if (f.responsible_person && canReadContact(ctx.viewer, guarded))
          persons.add(String(f.responsible_person));
        if (content) accountable += Number(f.persons_held_accountable ?? 0);
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
        category: [...new Set(fs.map((f) => String(f.category)))].join('、'),
        findingSummary: readable.map((r) => r.description).join('；'),
        amountInvolved: amountFen === null ? null : fenToYuan(amountFen),
        unitName: orgName.get(t.unitId) ?? '',
        responsiblePerson: [...persons].join('、'),
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
        completedOn: lastSubmitted ? beijingDay(lastSubmitted.at) : null,
        moneyRecovered: fenToYuan(fen),
        moneyBreakdown,
        rulesEstablished: reports
          .map((r) => r.rulesEstablished)
          .filter(Boolean)
          .join('；'),
        verification:
          t.state === 'SUBMITTED' ||
          t.state === 'CLOSED' ||
          t.state === 'RETURNED' ||
          t.conclusion === 'PARTLY'
            ? supervisorIds.map((s) => `${orgName.get(s) ?? ''}：${verdict.get(s) ?? '待核验'}`).join('；')
            : '',
        result: resultText(t.state, t.conclusion ?? null, verdicts[verdicts.length - 1]),
        accountability: accountable > 0 ? `问责${accountable}人` : '',
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
