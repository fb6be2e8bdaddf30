/**
 * Agencies publish into the hub: idempotent upsert of findings by the agency's own reference
 * (问题编号), corrections and withdrawals — each change one transaction with its history row
 * (finding_revision) and its change-feed event (change_event). No GraphQL here.
 *
 * All or nothing: a batch with any problem writes nothing and reports every problem with its row.
 */
import type { Knex } from 'knex';
import type { Viewer } from '../../auth/viewer.js';
import { PublicationState, RectificationStatus } from '../../shared/enums.js';
import { UserInputProblem } from '../../shared/user-error.js';
import { canEditFinding, publisherOf } from '../../policy/publishing.js';
import type { LedgerRow } from '../import/index.js';
import { matchSubjects, type MatchCandidate } from '../intake/index.js';
import { ChangeKind, RevisionKind } from './publishing.entity.js';
import { changeBus } from './change-bus.js';
import {
  agencyFindingsByRefs,
  insertChangeEvents,
  insertFindings,
  insertRevisions,
  lockFinding,
  updateFinding,
  updateFindingAtVersion,
  type NewChangeEvent,
  type NewRevision,
  type StoredFinding,
} from './publishing.repo.js';

export interface ImportProblem {
  rowNumber: number | null;
  column: string | null;
  code: string;
  message: string;
  /** For an unknown or ambiguous unit or project: the value as written, and the closest records. */
  value?: string | null;
  candidates?: MatchCandidate[];
}

export interface PublishReport {
  dryRun: boolean;
  totalRows: number;
  created: number;
  updated: number;
  unchanged: number;
  problems: ImportProblem[];
  /** db ids of the findings written or matched, in row order (empty when problems). */
  findingIds: number[];
  /** db ids of the findings this import created (empty for a dry run), in row order. */
  createdIds: number[];
}

/** Columns an agency's ledger sets, with their API names (used in history). */
const MAPPED: [api: string, column: string][] = [
  ['title', 'title'],
  ['description', 'description'],
  ['category', 'category'],
  ['unit', 'unit_id'],
  ['project', 'project_id'],
  ['fiscalYear', 'fiscal_year'],
  ['severity', 'severity'],
  ['amountInvolved', 'amount_involved'],
  ['sensitivity', 'sensitivity'],
  ['responsiblePerson', 'responsible_person'],
  ['responsiblePhone', 'responsible_phone'],
  ['indicatorName', 'indicator_name'],
  ['scoreDeducted', 'score_deducted'],
  ['legalBasis', 'legal_basis'],
  ['auditOpinion', 'audit_opinion'],
  ['inspectionItem', 'inspection_item'],
  ['approvalRef', 'approval_ref'],
  ['clueSource', 'clue_source'],
  ['personsInvolved', 'persons_involved'],
  ['caseStage', 'case_stage'],
  ['personsHeldAccountable', 'persons_held_accountable'],
  ['review', 'review_id'],
];
export const API_NAME_OF_COLUMN = new Map(MAPPED.map(([a, c]) => [c, a]));

/** A row to publish: a parsed ledger row, optionally with the unit/project already resolved. */
export type PublishRow = LedgerRow & {
  unitId?: number;
  projectId?: number | null;
  /** The review the finding came out of (evaluation-result ledgers); absent = left as it is. */
  reviewId?: number;
};

const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

function columnsOf(r: PublishRow, unitId: number, projectId: number | null): Record<string, unknown> {
  const x = r as unknown as Record<string, unknown>;
  return {
    title: r.title,
    description: r.description,
    category: r.category,
    unit_id: unitId,
    project_id: projectId,
    fiscal_year: r.fiscalYear,
    severity: r.severity,
    amount_involved: r.amountInvolved,
    sensitivity: r.sensitivity,
    responsible_person: r.responsiblePerson,
    responsible_phone: r.responsiblePhone,
    indicator_name: x.indicatorName ?? null,
    score_deducted: x.scoreDeducted ?? null,
    legal_basis: x.legalBasis ?? null,
    audit_opinion: x.auditOpinion ?? null,
    inspection_item: x.inspectionItem ?? null,
    approval_ref: x.approvalRef ?? null,
    clue_source: x.clueSource ?? null,
    persons_involved: x.personsInvolved ?? null,
    case_stage: x.caseStage ?? null,
    persons_held_accountable: x.personsHeldAccountable ?? null,
    ...(r.reviewId !== undefined ? { review_id: r.reviewId } : {}),
  };
}

/** Units and projects of rows not yet resolved, by the intake matcher's rules (one pass over all rows). */
async function resolveSubjects(knex: Knex, rows: PublishRow[]) {
  const open = rows.filter((r) => r.unitId === undefined);
  const m = await matchSubjects(
    knex,
    open.map((r) => ({
      rowNumber: r.rowNumber,
      unitName: r.unitName,
      unitCode: r.unitCode,
      projectName: r.projectName,
      projectCode: r.projectCode,
    })),
  );
  return m;
}

/**
 * Publishes rows as the viewer's agency: creates what is new, updates what changed, leaves identical
 * rows alone (sending the same batch twice changes nothing and says so). Withdrawn findings that
 * arrive again are published again.
 */
export async function publishFindings(
  knex: Knex,
  v: Viewer,
  rows: PublishRow[],
  opts: { dryRun: boolean; reason?: string | null; progress?: (done: number, total: number) => void },
): Promise<PublishReport> {
  const me = publisherOf(v);
  const report: PublishReport = {
    dryRun: opts.dryRun,
    totalRows: rows.length,
    created: 0,
    updated: 0,
    unchanged: 0,
    problems: [],
    findingIds: [],
    createdIds: [],
  };
  for (const r of rows) {
    if (r.source !== me.source) {
      report.problems.push({
        rowNumber: r.rowNumber,
        column: null,
        code: 'WRONG_SOURCE',
        message: `第${r.rowNumber}行是${r.source}类问题，本机构只能发布${me.source}类问题`,
      });
    }
  }
  const matched = await resolveSubjects(knex, rows);
  report.problems.push(...matched.problems);
  if (report.problems.length) return report;
  const resolved: { row: PublishRow; cols: Record<string, unknown> }[] = rows.map((r) => {
    if (r.unitId !== undefined) return { row: r, cols: columnsOf(r, r.unitId, r.projectId ?? null) };
    const m = matched.matches.get(r.rowNumber)!;
    return { row: r, cols: columnsOf(r, m.unitId!, m.projectId) };
  });

  const run = async (trx: Knex.Transaction | Knex) => {
    const refs = resolved.map((x) => x.row.sourceRef);
    const existing = new Map<string, StoredFinding>();
    // locked when writing: concurrent imports of the same refs serialise here
    for (const e of await agencyFindingsByRefs(trx, me.agencyId, refs, !opts.dryRun))
      existing.set(e.source_ref as string, e);
    const toInsert: { ref: string; cols: Record<string, unknown> }[] = [];
    const toUpdate: {
      id: number;
      version: number;
      cols: Record<string, unknown>;
      changes: Record<string, [unknown, unknown]>;
      republish: boolean;
    }[] = [];
    const idOfRef = new Map<string, number>();
    for (const { row, cols } of resolved) {
      const e = existing.get(row.sourceRef);
      if (!e) {
        toInsert.push({ ref: row.sourceRef, cols });
        continue;
      }
      idOfRef.set(row.sourceRef, e.id as number);
      const changes: Record<string, [unknown, unknown]> = {};
      for (const [col, val] of Object.entries(cols)) {
        if (!same(e[col], val)) changes[API_NAME_OF_COLUMN.get(col)!] = [e[col] ?? null, val];
      }
      const republish = e.publication_state !== PublicationState.PUBLISHED;
      if (republish) changes.publicationState = [e.publication_state, PublicationState.PUBLISHED];
      if (Object.keys(changes).length)
        toUpdate.push({ id: e.id as number, version: e.version as number, cols, changes, republish });
      else report.unchanged++;
    }
    report.created = toInsert.length;
    report.updated = toUpdate.length;
    if (opts.dryRun) return;

    const now = new Date();
    const revisions: NewRevision[] = [];
    const events: NewChangeEvent[] = [];
    for (let i = 0; i < toInsert.length; i += 500) {
      const part = toInsert.slice(i, i + 500);
      const ids = await insertFindings(
        trx,
        part.map((x) => ({
          ...x.cols,
          persons_involved: x.cols.persons_involved == null ? null : JSON.stringify(x.cols.persons_involved),
          source: me.source,
          agency_id: me.agencyId,
          source_ref: x.ref,
          publication_state: PublicationState.PUBLISHED,
          rectification_status: RectificationStatus.PENDING,
          published_at: now,
        })),
      );
      opts.progress?.(Math.min(i + 500, toInsert.length), toInsert.length + toUpdate.length);
      for (const { id, source_ref } of ids) {
        idOfRef.set(source_ref, id);
        revisions.push({
          finding_id: id,
          version: 1,
          kind: RevisionKind.CREATED,
          actor_id: me.agencyId,
          actor_user: me.user,
          reason: opts.reason ?? null,
          changes: '{}',
        });
        events.push({ kind: ChangeKind.FINDING_PUBLISHED, finding_id: id, version: 1 });
      }
    }
    for (const [k, u] of toUpdate.entries()) {
      // every 500 rows and at the last one, so the progress ends at total/total
      if (k % 500 === 499 || k === toUpdate.length - 1)
        opts.progress?.(toInsert.length + k + 1, toInsert.length + toUpdate.length);
      const n = await updateFindingAtVersion(trx, u.id, u.version, {
        ...u.cols,
        persons_involved: u.cols.persons_involved == null ? null : JSON.stringify(u.cols.persons_involved),
        publication_state: PublicationState.PUBLISHED,
        ...(u.republish ? { published_at: now } : {}),
        version: u.version + 1,
        updated_at: now,
      });
      if (n !== 1)
        throw new UserInputProblem(
          'CONFLICT',
          'A finding changed during the import; nothing was written. Try again.',
        );
      revisions.push({
        finding_id: u.id,
        version: u.version + 1,
        kind: u.republish ? RevisionKind.REPUBLISHED : RevisionKind.UPDATED,
        actor_id: me.agencyId,
        actor_user: me.user,
        reason: opts.reason ?? null,
        changes: JSON.stringify(u.changes),
      });
      events.push({
        kind: u.republish ? ChangeKind.FINDING_PUBLISHED : ChangeKind.FINDING_CHANGED,
        finding_id: u.id,
        version: u.version + 1,
      });
    }
    await insertRevisions(trx, revisions);
    await insertChangeEvents(trx, events);
    report.findingIds = resolved.map((x) => idOfRef.get(x.row.sourceRef)!);
    report.createdIds = toInsert.map((x) => idOfRef.get(x.ref)!);
    return events;
  };
  if (opts.dryRun) {
    await run(knex);
    return report;
  }
  const events = await knex.transaction(run);
  if (events?.length) changeBus.emitChanged(events.map((e) => e.finding_id));
  return report;
}

/** Fields an agency may correct by hand, with their columns. */
export const CORRECTABLE: Record<string, string> = Object.fromEntries(
  MAPPED.filter(([api]) => api !== 'unit' && api !== 'project' && api !== 'review').map(([api, col]) => [
    api,
    col,
  ]),
);

async function lockOwn(trx: Knex.Transaction, v: Viewer, id: number, version: number) {
  const e = await lockFinding(trx, id);
  // a finding of another agency gets the same answer as one that does not exist
  if (!e || !canEditFinding(v, { agencyId: e.agency_id as number })) {
    throw new UserInputProblem('NOT_FOUND', 'No such finding of your agency.', 'id');
  }
  if (e.version !== version) {
    throw new UserInputProblem(
      'CONFLICT',
      `The finding changed since you read it (version ${e.version as number}, not ${version}).`,
      'version',
    );
  }
  return e;
}

/** Corrects some fields of one's own finding, with a reason; keeps the previous values in history. */
export async function correctFinding(
  knex: Knex,
  v: Viewer,
  input: { id: number; version: number; reason: string; values: Record<string, unknown> },
): Promise<number> {
  const me = publisherOf(v);
  const reason = input.reason.trim();
  if (reason.length < 2)
    throw new UserInputProblem('REQUIRED', 'Give a reason for the correction (更正理由).', 'reason');
  const entries = Object.entries(input.values).filter(([, val]) => val !== undefined);
  if (!entries.length)
    throw new UserInputProblem('NOTHING_TO_CHANGE', 'Name at least one field to correct.', 'changes');
  const result = await knex.transaction(async (trx) => {
    const e = await lockOwn(trx, v, input.id, input.version);
    const changes: Record<string, [unknown, unknown]> = {};
    const update: Record<string, unknown> = {};
    for (const [api, val] of entries) {
      const col = CORRECTABLE[api]!;
      if (!same(e[col], val)) {
        changes[api] = [e[col] ?? null, val];
        update[col] = col === 'persons_involved' && val != null ? JSON.stringify(val) : val;
      }
    }
    if (!Object.keys(changes).length) return { changed: false, version: e.version as number };
    const version = (e.version as number) + 1;
    await updateFinding(trx, input.id, { ...update, version, updated_at: new Date() });
    await insertRevisions(trx, [
      {
        finding_id: input.id,
        version,
        kind: RevisionKind.CORRECTED,
        actor_id: me.agencyId,
        actor_user: me.user,
        reason,
        changes: JSON.stringify(changes),
      },
    ]);
    await insertChangeEvents(trx, [{ kind: ChangeKind.FINDING_CHANGED, finding_id: input.id, version }]);
    return { changed: true, version };
  });
  if (result.changed) changeBus.emitChanged([input.id]);
  return result.version;
}

/** Withdraws one's own finding; it stays readable to those who could see it, marked withdrawn. */
export async function withdrawFinding(
  knex: Knex,
  v: Viewer,
  input: { id: number; version: number; reason: string },
): Promise<number> {
  const me = publisherOf(v);
  const reason = input.reason.trim();
  if (reason.length < 2)
    throw new UserInputProblem('REQUIRED', 'Give a reason for the withdrawal (撤回理由).', 'reason');
  const version = await knex.transaction(async (trx) => {
    const e = await lockOwn(trx, v, input.id, input.version);
    if (e.publication_state === PublicationState.WITHDRAWN) {
      throw new UserInputProblem('INVALID_STATE', 'The finding is already withdrawn.', 'id');
    }
    const version = (e.version as number) + 1;
    await updateFinding(trx, input.id, {
      publication_state: PublicationState.WITHDRAWN,
      version,
      updated_at: new Date(),
    });
    await insertRevisions(trx, [
      {
        finding_id: input.id,
        version,
        kind: RevisionKind.WITHDRAWN,
        actor_id: me.agencyId,
        actor_user: me.user,
        reason,
        changes: JSON.stringify({ publicationState: [e.publication_state, PublicationState.WITHDRAWN] }),
      },
    ]);
    await insertChangeEvents(trx, [{ kind: ChangeKind.FINDING_WITHDRAWN, finding_id: input.id, version }]);
    return version;
  });
  changeBus.emitChanged([input.id]);
  return version;
}
