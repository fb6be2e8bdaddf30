import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClient } from 'graphql-ws';
import WebSocket from 'ws';
import { eventually } from './support/eventually.js';
import { startTestHub, type TestHub } from './support/harness.js';
import { Factory } from './support/factories.js';
import { FindingSource as S, Role } from '../src/shared/enums.js';
import { makeViewer } from '../src/auth/viewer.js';
import { parseLedger } from '../src/modules/import/index.js';
import { publishFindings, type PublishRow } from '../src/modules/publishing/publishing.service.js';

let hub: TestHub;
let f: Factory;
let w: Awaited<ReturnType<Factory['world']>>;
beforeAll(async () => {
  hub = await startTestHub();
  f = new Factory(hub.knex);
  w = await f.world();
});
afterAll(async () => hub?.stop());

const IMPORT = `mutation($input: FindingImportInput!) { findingImport(input: $input) {
  report { dryRun written totalRows created updated unchanged problems { rowNumber column code message } }
  userErrors { code message } } }`;
const row = (unitCode: string, ref: string, extra: Record<string, unknown> = {}) => ({
  sourceRef: ref,
  description: '专项资金未按规定用途使用',
  category: '挤占挪用专项资金',
  unitCode,
  fiscalYear: 2025,
  amountInvolved: '120000.00',
  ...extra,
});
const count = async (agencyId: number) =>
  Number((await hub.knex('finding').where('agency_id', agencyId).count({ n: '*' }).first())!.n);

describe('importing the ledgers agencies keep', () => {
  it.each([
    ['审计问题台账.xlsx', 'HC-SJJ', Role.AUDIT, S.AUDIT, 15],
    ['绩效评价问题清单.csv', 'HC-CZJ', Role.FINANCE, S.PERFORMANCE, 10],
    ['发改稽察问题台账-GBK.csv', 'HC-FGJ', Role.REFORM, S.REFORM, 8],
    ['纪检监察问题.json', 'HC-JWJW', Role.DISCIPLINE, S.DISCIPLINE, 6],
  ])(
    'publishes %s completely, and a second import changes nothing',
    async (file, code, role, source, rows) => {
      const org = (await hub.knex('organization').where({ code }).first()) as { id: number };
      const viewer = makeViewer(role, { id: org.id, code }, 'importer');
      const parsed = await parseLedger({
        bytes: readFileSync(`examples/ledgers/${file}`),
        fileName: file,
        source,
      });
      expect(parsed.problems).toEqual([]);
      expect(parsed.rows).toHaveLength(rows);
      const first = await publishFindings(hub.knex, viewer, parsed.rows as PublishRow[], { dryRun: false });
      expect(first.problems).toEqual([]);
      expect(first.created + first.updated + first.unchanged).toBe(rows);
      const again = await publishFindings(hub.knex, viewer, parsed.rows as PublishRow[], { dryRun: false });
      expect(again).toMatchObject({ created: 0, updated: 0, unchanged: rows, problems: [] });
      // amounts written in 万元 arrive exactly in yuan
      const stored = await hub
        .knex('finding')
        .where({ agency_id: org.id, source_ref: parsed.rows[0]!.sourceRef })
        .first();
      expect(stored.amount_involved).toBe(parsed.rows[0]!.amountInvolved);
    },
  );

  it('writes nothing when one row of a batch is bad, and reports every problem with its row', async () => {
    const token = await hub.token(Role.AUDIT, w.audit.code);
    const before = await count(w.audit.id);
    const res = await hub.gql(
      IMPORT,
      {
        input: {
          rows: [
            row(w.unitA.code, 'B-1'),
            row(w.unitA.code, 'B-2', { description: '' }),
            row('NO-SUCH-UNIT', 'B-3'),
            row(w.unitA.code, 'B-1'),
            row(w.unitB.code, 'B-5', { fiscalYear: 1899 }),
          ],
        },
      },
      token,
    );
    expect(res.errors).toBeUndefined();
    const rep = res.data!.findingImport.report;
    expect(rep.written).toBe(false);
    expect(rep.problems.map((p: { rowNumber: number; code: string }) => [p.rowNumber, p.code])).toEqual([
      [2, 'MISSING_FIELD'],
      [3, 'UNKNOWN_UNIT'],
      [4, 'DUPLICATE_REFERENCE'],
      [5, 'BAD_YEAR'],
    ]);
    expect(await count(w.audit.id)).toBe(before);
    // one pass: unknown units are reported beside the rows' own problems — and never invented
    const unknown = await hub.gql(
      IMPORT,
      { input: { rows: [row(w.unitA.code, 'B-1'), row('NO-SUCH-UNIT', 'B-3')] } },
      token,
    );
    expect(unknown.data!.findingImport.report.problems).toEqual([
      {
        rowNumber: 2,
        column: '责任单位编码',
        code: 'UNKNOWN_UNIT',
        message: '第2行责任单位编码“NO-SUCH-UNIT”在平台中不存在',
      },
    ]);
    expect(await count(w.audit.id)).toBe(before);
  });

  it('validates without writing on dryRun, then writes, then says a resend changes nothing', async () => {
    const token = await hub.token(Role.AUDIT, w.audit.code);
    // a name only this test uses: names of other tests' units repeat, and repeated names are ambiguous
    const named = await f.org('BUDGET_UNIT' as never, { name: `鹤城区测试单位${Date.now()}` });
    const rows = [row(w.unitA.code, 'D-1'), row(named.code, 'D-2', { unitCode: null, unitName: named.name })];
    const before = await count(w.audit.id);
    const dry = await hub.gql(IMPORT, { input: { rows, dryRun: true } }, token);
    expect(dry.data!.findingImport.report).toMatchObject({
      dryRun: true,
      written: false,
      created: 2,
      problems: [],
    });
    expect(await count(w.audit.id)).toBe(before);
    const real = await hub.gql(IMPORT, { input: { rows } }, token);
    expect(real.data!.findingImport.report).toMatchObject({
      written: true,
      created: 2,
      updated: 0,
      unchanged: 0,
    });
    expect(await count(w.audit.id)).toBe(before + 2);
    const again = await hub.gql(IMPORT, { input: { rows } }, token);
    expect(again.data!.findingImport.report).toMatchObject({
      written: true,
      created: 0,
      updated: 0,
      unchanged: 2,
    });
    const changed = await hub.gql(
      IMPORT,
      { input: { rows: [{ ...rows[0], amountInvolved: '130000.00' }] } },
      token,
    );
    expect(changed.data!.findingImport.report).toMatchObject({ created: 0, updated: 1 });
  });

  it('asks for a code when a unit name is not unique', async () => {
    const name = `鹤城区重名单位${Date.now()}`;
    await f.org('BUDGET_UNIT' as never, { name });
    await f.org('BUDGET_UNIT' as never, { name });
    const res = await hub.gql(
      IMPORT,
      { input: { rows: [row(w.unitA.code, 'N-1', { unitCode: null, unitName: name })] } },
      await hub.token(Role.AUDIT, w.audit.code),
    );
    expect(res.data!.findingImport.report.problems.map((p: { code: string }) => p.code)).toEqual([
      'AMBIGUOUS_UNIT',
    ]);
  });

  it('accepts only the batch limit and only the agency’s own source', async () => {
    const token = await hub.token(Role.AUDIT, w.audit.code);
    const tooMany = Array.from({ length: 1001 }, (_, i) => row(w.unitA.code, `L-${i}`));
    const res = await hub.gql(IMPORT, { input: { rows: tooMany } }, token);
    expect(res.data!.findingImport.userErrors[0].code).toBe('LIMIT');
    const unit = await hub.gql(
      IMPORT,
      { input: { rows: [row(w.unitA.code, 'U-1')] } },
      await hub.token(Role.UNIT, w.unitA.code),
    );
    expect(unit.errors![0]!.extensions!.code).toBe('FORBIDDEN');
  });
});

const DETAIL = `query($id: ID!) { finding(id: $id) { id version title description amountInvolved publicationState
  history { version kind reason actorUser actor { code } changes { field before after redacted } } } }`;

describe('corrections and withdrawals keep history', () => {
  it('records who changed what, with the values before, and refuses stale or foreign edits', async () => {
    const token = await hub.token(Role.AUDIT, w.audit.code);
    await hub.gql(IMPORT, { input: { rows: [row(w.unitA.code, 'H-1')] } }, token);
    const id = (await hub.knex('finding').where({ agency_id: w.audit.id, source_ref: 'H-1' }).first()).id;
    const gid = Buffer.from(`Finding:${id}`).toString('base64url');
    const CORRECT = `mutation($input: FindingCorrectInput!) { findingCorrect(input: $input) { finding { version amountInvolved } userErrors { code field } } }`;
    const ok = await hub.gql(
      CORRECT,
      { input: { id: gid, version: 1, reason: '复核后更正金额', amountInvolved: '98000.50' } },
      token,
    );
    expect(ok.data!.findingCorrect).toEqual({
      finding: { version: 2, amountInvolved: '98000.50' },
      userErrors: [],
    });
    const stale = await hub.gql(
      CORRECT,
      { input: { id: gid, version: 1, reason: '再次更正', amountInvolved: '1.00' } },
      token,
    );
    expect(stale.data!.findingCorrect.userErrors).toEqual([{ code: 'CONFLICT', field: 'version' }]);
    const foreign = await hub.gql(
      CORRECT,
      { input: { id: gid, version: 2, reason: '越权更正', amountInvolved: '1.00' } },
      await hub.token(Role.FINANCE, w.finance.code),
    );
    expect(foreign.data!.findingCorrect.userErrors).toEqual([{ code: 'NOT_FOUND', field: 'id' }]);

    const WITHDRAW = `mutation($input: FindingWithdrawInput!) { findingWithdraw(input: $input) { finding { version publicationState } userErrors { code } } }`;
    const wd = await hub.gql(WITHDRAW, { input: { id: gid, version: 2, reason: '经复核不构成问题' } }, token);
    expect(wd.data!.findingWithdraw).toEqual({
      finding: { version: 3, publicationState: 'WITHDRAWN' },
      userErrors: [],
    });

    const seen = await hub.gql(DETAIL, { id: gid }, await hub.token(Role.FINANCE, w.finance.code));
    expect(seen.errors).toBeUndefined();
    const f1 = seen.data!.finding;
    expect(f1).toMatchObject({ version: 3, publicationState: 'WITHDRAWN', amountInvolved: '98000.50' });
    expect(f1.history.map((h: { version: number; kind: string }) => [h.version, h.kind])).toEqual([
      [1, 'CREATED'],
      [2, 'CORRECTED'],
      [3, 'WITHDRAWN'],
    ]);
    expect(f1.history[1]).toMatchObject({
      reason: '复核后更正金额',
      actor: { code: w.audit.code },
      actorUser: 'test-audit',
      changes: [{ field: 'amountInvolved', before: '120000.00', after: '98000.50', redacted: false }],
    });
    // a withdrawn finding leaves the default lists but stays readable by id
    const list = await hub.gql(
      `{ findings(first: 100, filterBy: { units: ["${w.unitA.gid}"], sources: [AUDIT] }) { nodes { id } } }`,
      {},
      token,
    );
    expect(list.data!.findings.nodes.map((n: { id: string }) => n.id)).not.toContain(gid);
  });
});

describe('the change feed', () => {
  it('changes(since) returns exactly the events missed, in order, and only those the viewer may see', async () => {
    const unitT = await hub.token(Role.UNIT, w.unitA.code);
    const FEED = `query($since: String) { changes(since: $since, first: 500) { events { kind version finding { __typename id } } nextSince hasMore } }`;
    let page = await hub.gql(FEED, {}, unitT);
    while (page.data!.changes.hasMore)
      page = await hub.gql(FEED, { since: page.data!.changes.nextSince }, unitT);
    const since = page.data!.changes.nextSince;

    const financeT = await hub.token(Role.FINANCE, w.finance.code);
    const rows = [
      row(w.unitA.code, 'C-1', { category: '资金闲置' }),
      row(w.unitB.code, 'C-2', { category: '资金闲置' }),
      row(w.unitA.code, 'C-3', { category: '资金闲置' }),
    ];
    await hub.gql(IMPORT, { input: { rows } }, financeT);
    await hub.gql(IMPORT, { input: { rows: [{ ...rows[0], description: '更新后的描述' }] } }, financeT);

    // the feed hands out an event once every older transaction on the server has ended
    const missed = await eventually(async () => {
      const m = await hub.gql(FEED, { since }, unitT);
      expect(m.errors).toBeUndefined();
      return m.data!.changes.events.length >= 3 ? m : null;
    }, 'the three events in the change feed');
    const ids = await hub
      .knex('finding')
      .where('agency_id', w.finance.id)
      .whereIn('source_ref', ['C-1', 'C-3'])
      .orderBy('source_ref')
      .select('id');
    const gid = (n: number) => Buffer.from(`Finding:${n}`).toString('base64url');
    expect(missed.data!.changes.events).toEqual([
      {
        kind: 'FINDING_PUBLISHED',
        version: 1,
        finding: { __typename: 'PerformanceFinding', id: gid(ids[0].id) },
      },
      {
        kind: 'FINDING_PUBLISHED',
        version: 1,
        finding: { __typename: 'PerformanceFinding', id: gid(ids[1].id) },
      },
      {
        kind: 'FINDING_CHANGED',
        version: 2,
        finding: { __typename: 'PerformanceFinding', id: gid(ids[0].id) },
      },
    ]);
    const after = await hub.gql(FEED, { since: missed.data!.changes.nextSince }, unitT);
    expect(after.data!.changes.events).toEqual([]);
    const bad = await hub.gql(FEED, { since: 'garbage' }, unitT);
    expect(bad.errors![0]!.extensions!.code).toBe('BAD_USER_INPUT');
  });

  it('pushes a published finding to a subscriber who may see it, and not one it may not', async () => {
    const unitT = await hub.token(Role.UNIT, w.unitA.code);
    const url = hub.server.url.replace('http', 'ws');
    const client = createClient({
      url,
      webSocketImpl: WebSocket,
      connectionParams: { authorization: `Bearer ${unitT}` },
      retryAttempts: 0,
    });
    const received: { kind: string; finding: { title: string | null; unit: { code: string } } }[] = [];
    let ready!: () => void;
    const gotOne = new Promise<void>((r) => (ready = r));
    const dispose = client.subscribe(
      { query: `subscription { findingChanged { kind cursor finding { title unit { code } } } }` },
      {
        next: (m) => {
          received.push((m.data as any).findingChanged);
          ready();
        },
        error: (e) => {
          throw e;
        },
        complete: () => {},
      },
    );
    await new Promise((r) => setTimeout(r, 300)); // let the subscription start
    const financeT = await hub.token(Role.FINANCE, w.finance.code);
    await hub.gql(
      IMPORT,
      { input: { rows: [row(w.unitB.code, 'S-other', { title: '别的单位的问题' })] } },
      financeT,
    );
    await hub.gql(
      IMPORT,
      { input: { rows: [row(w.unitA.code, 'S-mine', { title: '本单位的问题' })] } },
      financeT,
    );
    await Promise.race([
      gotOne,
      new Promise((_, rej) => setTimeout(() => rej(new Error('no event within 5 s')), 5000)),
    ]);
    await new Promise((r) => setTimeout(r, 200));
    dispose();
    await client.dispose();
    expect(received).toEqual([
      {
        kind: 'FINDING_PUBLISHED',
        cursor: expect.any(String),
        finding: { title: '本单位的问题', unit: { code: w.unitA.code } },
      },
    ]);
  });

  it('refuses a subscription with a bad token', async () => {
    const url = hub.server.url.replace('http', 'ws');
    const client = createClient({
      url,
      webSocketImpl: WebSocket,
      connectionParams: { authorization: 'Bearer nope' },
      retryAttempts: 0,
    });
    const err = await new Promise<unknown>((resolve) => {
      client.subscribe(
        { query: 'subscription { findingChanged { kind } }' },
        { next: () => {}, error: resolve, complete: () => resolve(null) },
      );
    });
    await client.dispose();
    expect(String((err as { code?: number })?.code ?? err)).toMatch(/4403|4401|Forbidden/);
  });
});

describe('publishing reviews', () => {
  it('creates, leaves an identical resend alone, updates on change, and withdraws — its own reviews only', async () => {
    const financeT = await hub.token(Role.FINANCE, w.finance.code);
    const P = `mutation($input: ReviewPublishInput!) { reviewPublish(input: $input) { created changed review { id version score grade title publicationState } userErrors { code field } } }`;
    const input = {
      sourceRef: `PJ-${Date.now()}`,
      title: '2025年度义务教育薄弱环节改善项目绩效评价',
      reviewType: '项目支出绩效评价',
      fiscalYear: 2025,
      unit: w.unitA.gid,
      score: '78.5',
      conclusion: '评价等级为“中”。',
      indicatorResults: [{ name: '预算执行率', target: '100%', actual: '82%', score: '8.20' }],
      completedOn: '2026-03-15',
    };
    const a = (await hub.gql(P, { input }, financeT)).data!.reviewPublish;
    expect(a).toMatchObject({
      created: true,
      changed: true,
      review: { version: 1, score: '78.50', grade: 'FAIR', publicationState: 'PUBLISHED' },
    });
    const b = (await hub.gql(P, { input }, financeT)).data!.reviewPublish;
    expect(b).toMatchObject({ created: false, changed: false, review: { version: 1 } });
    const c = (await hub.gql(P, { input: { ...input, score: '91' } }, financeT)).data!.reviewPublish;
    expect(c).toMatchObject({
      created: false,
      changed: true,
      review: { version: 2, score: '91.00', grade: 'EXCELLENT' },
    });
    const auditT = await hub.token(Role.AUDIT, w.audit.code);
    expect(
      (await hub.gql(P, { input: { ...input, sourceRef: 'SJ-x', score: '50' } }, auditT)).data!.reviewPublish
        .userErrors[0].code,
    ).toBe('NOT_APPLICABLE');
    const W = `mutation($input: ReviewWithdrawInput!) { reviewWithdraw(input: $input) { review { publicationState version } userErrors { code } } }`;
    expect(
      (await hub.gql(W, { input: { id: c.review.id, version: 2, reason: '越权撤回' } }, auditT)).data!
        .reviewWithdraw.userErrors[0].code,
    ).toBe('NOT_FOUND');
    const wd = (
      await hub.gql(W, { input: { id: c.review.id, version: 2, reason: '评价报告重新出具' } }, financeT)
    ).data!.reviewWithdraw;
    expect(wd).toEqual({ review: { publicationState: 'WITHDRAWN', version: 3 }, userErrors: [] });
  });
});

describe('subscriptions and token expiry', () => {
  it('stops delivering when the subscriber’s token expires, and closes with 4401', async () => {
    const shortT = await hub.token(Role.FINANCE, w.finance.code, { ttl: 2 });
    const url = hub.server.url.replace('http', 'ws');
    const client = createClient({
      url,
      webSocketImpl: WebSocket,
      connectionParams: { authorization: `Bearer ${shortT}` },
      retryAttempts: 0,
    });
    const data: unknown[] = [];
    const errors: unknown[] = [];
    let closed: unknown = null;
    client.on('closed', (e) => (closed = e));
    client.subscribe(
      { query: 'subscription { findingChanged { kind finding { title } } }' },
      {
        next: (m) => (m.data ? data.push(m.data) : errors.push(m.errors)),
        error: (e) => errors.push(e),
        complete: () => {},
      },
    );
    await new Promise((r) => setTimeout(r, 2600)); // the token is now expired
    await hub.gql(
      IMPORT,
      { input: { rows: [row(w.unitA.code, `EXP-${Date.now()}`, { title: '过期后发布' })] } },
      await hub.token(Role.FINANCE, w.finance.code),
    );
    for (let i = 0; i < 30 && !closed; i++) await new Promise((r) => setTimeout(r, 100));
    await client.dispose();
    expect(data).toEqual([]);
    expect((closed as { code?: number } | null)?.code).toBe(4401);
  });
});
