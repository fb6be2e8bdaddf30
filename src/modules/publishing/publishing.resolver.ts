import { Arg, Ctx, FieldResolver, Int, Mutation, Query, Resolver, Root, Subscription } from 'type-graphql';
import type { Knex } from 'knex';
import type { HubContext } from '../../context.js';
import { badInput } from '../../shared/errors.js';
import { fromGlobalId } from '../../shared/global-id.js';
import { asUserErrors, UserInputProblem } from '../../shared/user-error.js';
import { publisherOf } from '../../policy/publishing.js';
import { allRules } from '../../permissions.js';
import { findingsByIds, type FindingRow } from '../finding/finding.repo.js';
import { FindingInterface } from '../finding/finding.types.js';
import { MAX_BATCH_ROWS, parseLedgerRows } from '../import/index.js';
import { liveChanges, readChanges, type ChangeEventRow } from './change-feed.service.js';
import {
  correctFinding,
  publishFindings,
  withdrawFinding,
  CORRECTABLE,
  type PublishRow,
} from './publishing.service.js';
import {
  ChangeEventObject,
  ChangePage,
  FindingCorrectInput,
  FindingImportInput,
  FindingImportPayload,
  FindingPayload,
  FindingRevisionObject,
  FindingWithdrawInput,
  LedgerImportInput,
  LedgerImportPayload,
} from './publishing.types.js';
import { matchSubjects, profileForImport } from '../intake/index.js';
import { importLedgerFile } from './ledger-import.js';
import type { RevisionKind } from './publishing.entity.js';

const MAX_CHANGES_PAGE = 500;

function findingId(id: string): number {
  const g = fromGlobalId(id);
  if (g?.type !== 'Finding') throw new UserInputProblem('NOT_FOUND', 'No such finding of your agency.', 'id');
  return g.id;
}

async function freshFinding(knex: Knex, id: number): Promise<FindingRow | null> {
  return (await findingsByIds(knex, [id]))[0] ?? null;
}

/** Values of fields the viewer may not read are withheld from the history too. */
function redactor(ctx: HubContext, f: FindingRow) {
  const rules = allRules()[f.__typename] ?? {};
  return (field: string) => {
    const a = rules[field];
    return !a || !a.check(ctx.viewer, f);
  };
}

const text = (v: unknown) => (v == null ? null : typeof v === 'string' ? v : JSON.stringify(v));

@Resolver(() => FindingInterface)
export class FindingHistoryResolver {
  @FieldResolver(() => [FindingRevisionObject], {
    description: 'Every change to this finding, oldest first: who, when, why, which fields (变更历史).',
  })
  async history(@Root() f: FindingRow, @Ctx() ctx: HubContext) {
    const revs = await ctx.loaders.findingRevisions.load(f.dbId);
    const hidden = redactor(ctx, f);
    return revs.map((r) => ({
      version: r.version,
      kind: r.kind as RevisionKind,
      at: r.at,
      actorId: r.actorId,
      actorUser: r.actorUser,
      reason: r.reason,
      changes: Object.entries(r.changes).map(([field, [before, after]]) =>
        hidden(field)
          ? { field, before: null, after: null, redacted: true }
          : { field, before: text(before), after: text(after), redacted: false },
      ),
    }));
  }
}

@Resolver(() => FindingRevisionObject)
export class FindingRevisionResolver {
  @FieldResolver()
  actor(@Root() r: { actorId: number }, @Ctx() ctx: HubContext) {
    return ctx.loaders.organization.load(r.actorId);
  }
}

@Resolver()
export class PublishingResolver {
  @Mutation(() => FindingImportPayload, {
    description:
      'Publish a batch of ledger rows (up to 1,000) as your agency: new references are created, changed ones updated, ' +
      'identical ones left alone. All or nothing: any problem writes nothing (批量导入/发布问题).',
  })
  async findingImport(
    @Ctx() ctx: HubContext,
    @Arg('input', () => FindingImportInput, { description: 'The batch (导入批次).' })
    input: FindingImportInput,
  ) {
    try {
      const me = publisherOf(ctx.viewer);
      if (input.rows.length > MAX_BATCH_ROWS) {
        throw new UserInputProblem(
          'LIMIT',
          `A batch holds at most ${MAX_BATCH_ROWS} rows; split the ledger.`,
          'rows',
        );
      }
      const parsed = parseLedgerRows(
        input.rows.map((r) => ({ ...r, personsInvolved: r.personsInvolved?.map((p) => ({ ...p })) ?? null })),
        me.source,
      );
      const dryRun = input.dryRun === true;
      if (parsed.problems.length) {
        // one pass: the units and projects of every row are checked too, so one answer names every problem
        const matched = await matchSubjects(ctx.knex, parsed.subjects);
        return {
          report: {
            dryRun,
            written: false,
            totalRows: parsed.totalRows,
            created: 0,
            updated: 0,
            unchanged: 0,
            problems: [...parsed.problems, ...matched.problems].sort(
              (a, b) => (a.rowNumber ?? 0) - (b.rowNumber ?? 0),
            ),
          },
          userErrors: [],
        };
      }
      const rep = await publishFindings(ctx.knex, ctx.viewer, parsed.rows as PublishRow[], { dryRun });
      return { report: { ...rep, written: !dryRun && !rep.problems.length }, userErrors: [] };
    } catch (e) {
      return { report: null, userErrors: asUserErrors(e) };
    }
  }

  @Mutation(() => LedgerImportPayload, {
    description:
      'Import a ledger file (.xlsx, .csv in UTF-8 or GBK, .json) as your agency, optionally with one of your import profiles: ' +
      'every problem of the file is reported at once; all or nothing (台账文件导入).',
  })
  async ledgerImport(
    @Ctx() ctx: HubContext,
    @Arg('input', () => LedgerImportInput, { description: 'The file (台账文件).' })
    input: LedgerImportInput,
  ) {
    try {
      publisherOf(ctx.viewer);
      if (!/^[A-Za-z0-9+/=\s]*$/.test(input.contentBase64))
        throw new UserInputProblem('BAD_FILE', 'contentBase64 is not base64.', 'contentBase64');
      const bytes = Buffer.from(input.contentBase64, 'base64');
      const profile = input.profile ? await profileForImport(ctx.knex, ctx.viewer, input.profile) : null;
      const { workbook, ...r } = await importLedgerFile(ctx.knex, ctx.viewer, {
        bytes,
        fileName: input.fileName,
        dryRun: input.dryRun === true,
        profile,
        withWorkbook: input.problemWorkbook === true,
      });
      return {
        report: {
          ...r,
          totalRows: r.rows,
          unitsMatchedBy: Object.entries(r.unitsMatchedBy).map(([rule, rows]) => ({ rule, rows })),
          problemWorkbook: workbook ? workbook.toString('base64') : null,
        },
        userErrors: [],
      };
    } catch (e) {
      return { report: null, userErrors: asUserErrors(e) };
    }
  }

  @Mutation(() => FindingPayload, {
    description:
      'Correct fields of your own finding, with a reason; the previous values stay in its history (更正问题).',
  })
  async findingCorrect(
    @Ctx() ctx: HubContext,
    @Arg('input', () => FindingCorrectInput, { description: 'The correction (更正).' })
    input: FindingCorrectInput,
  ) {
    try {
      const id = findingId(input.id);
      const values: Record<string, unknown> = {};
      for (const k of Object.keys(CORRECTABLE)) {
        const v = (input as unknown as Record<string, unknown>)[k];
        if (v !== undefined && v !== null) values[k] = v;
      }
      for (const k of ['title', 'description', 'category'] as const) {
        if (values[k] !== undefined && !String(values[k]).trim()) {
          throw new UserInputProblem('REQUIRED', `"${k}" cannot be made empty.`, k);
        }
      }
      await correctFinding(ctx.knex, ctx.viewer, {
        id,
        version: input.version,
        reason: input.reason,
        values,
      });
      return { finding: await freshFinding(ctx.knex, id), userErrors: [] };
    } catch (e) {
      return { finding: null, userErrors: asUserErrors(e) };
    }
  }

  @Mutation(() => FindingPayload, {
    description: 'Withdraw your own finding, with a reason; it stays readable, marked WITHDRAWN (撤回问题).',
  })
  async findingWithdraw(
    @Ctx() ctx: HubContext,
    @Arg('input', () => FindingWithdrawInput, { description: 'The withdrawal (撤回).' })
    input: FindingWithdrawInput,
  ) {
    try {
      const id = findingId(input.id);
      await withdrawFinding(ctx.knex, ctx.viewer, { id, version: input.version, reason: input.reason });
      return { finding: await freshFinding(ctx.knex, id), userErrors: [] };
    } catch (e) {
      return { finding: null, userErrors: asUserErrors(e) };
    }
  }

  @Query(() => ChangePage, {
    description:
      'Change feed for partner systems (变更订阅补偿): events after `since` that you may see, oldest first. Keep ' +
      '`nextSince` and pass it next time; nothing is missed while you were offline.',
  })
  changes(
    @Ctx() ctx: HubContext,
    @Arg('since', () => String, {
      nullable: true,
      description: 'Cursor from a previous page; omit to start at the beginning (起点).',
    })
    since?: string,
    @Arg('first', () => Int, {
      nullable: true,
      description: `Events per page, 1-${MAX_CHANGES_PAGE}, default 100 (每页条数).`,
    })
    first?: number,
  ) {
    const n = first ?? 100;
    if (!Number.isInteger(n) || n < 1 || n > MAX_CHANGES_PAGE)
      throw badInput(`"first" must be between 1 and ${MAX_CHANGES_PAGE}`, 'first');
    return readChanges(ctx.knex, ctx.viewer, since ?? null, n);
  }

  @Subscription(() => ChangeEventObject, {
    description:
      'Live findings as they are published, changed or withdrawn, limited to what you may see (问题变更实时推送). ' +
      'Over graphql-ws at /graphql; after a disconnect, catch up with `changes(since:)`.',
    subscribe: ({ context }) => {
      const ctx = context as HubContext;
      return liveChanges(ctx.knex, ctx.viewer);
    },
  })
  findingChanged(@Root() event: ChangeEventRow): ChangeEventRow {
    return event;
  }
}
