import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually } from './support/eventually.js';
import { startTestHub, type TestHub } from './support/harness.js';
import { Factory, type Org } from './support/factories.js';
import { FindingSource as S, Role } from '../src/shared/enums.js';
import {
  ConsultationConcludeDocument,
  ConsultationEscalateDocument,
  ConsultationOpenDocument,
  ConsultationRespondDocument,
  ConsultationsDocument,
  FindingDuplicatesDocument,
  FindingGroupLinkDocument,
  InspectionPlanRegisterDocument,
  InspectionPlanWarningsDocument,
  type InspectionPlanRegisterInput,
  FindingGroupsOfDocument,
  FindingGroupUnlinkDocument,
  FindingGroupViewDocument,
  StatsCountedOnceDocument,
  type FindingGroupLinkInput,
  RecognitionRecordDocument,
  RecognitionsDocument,
  RecognitionWithdrawDocument,
  ReviewRecognitionsDocument,
  type RecognitionRecordInput,
} from './__generated__/graphql.js';

let hub: TestHub;
let f: Factory;
let w: Awaited<ReturnType<Factory['world']>>;
beforeAll(async () => {
  hub = await startTestHub();
  f = new Factory(hub.knex);
  w = await f.world();
});
afterAll(async () => hub?.stop());

const tok = (role: Role, org: Org) => hub.token(role, org.code);
const T = {
  finance: () => tok(Role.FINANCE, w.finance),
  audit: () => tok(Role.AUDIT, w.audit),
  reform: () => tok(Role.REFORM, w.reform),
  discipline: () => tok(Role.DISCIPLINE, w.discipline),
  leadership: () => tok(Role.LEADERSHIP, w.leadership),
  unit: () => tok(Role.UNIT, w.unitA),
};

async function record(input: RecognitionRecordInput, token: string) {
  const res = await hub.gql(RecognitionRecordDocument, { input }, token);
  expect(res.errors, JSON.stringify(res.errors)).toBeUndefined();
  return res.data!.recognitionRecord;
}
async function recorded(input: RecognitionRecordInput, token: string) {
  const p = await record(input, token);
  expect(p.userErrors).toEqual([]);
  return p.recognition!;
}
const codes = (p: { userErrors: { code: string; field?: string | null }[] }) =>
  p.userErrors.map((e) => `${e.code}:${e.field}`);

/** An audit report on unitA with two findings, published by the audit bureau. */
async function auditReport() {
  const review = await f.review(w.audit, w.unitA, S.AUDIT, { title: '区教育局2024年度预算执行审计' });
  const a = await f.finding(w.audit, w.unitA, S.AUDIT, {
    review_id: review.id,
    category: '挤占挪用专项资金',
  });
  const b = await f.finding(w.audit, w.unitA, S.AUDIT, {
    review_id: review.id,
    category: '往来款长期挂账未清理',
  });
  return { review, a, b };
}

describe('recognition register (采信登记)', () => {
  it('when the finance bureau recognises an audit report in full, the audit bureau sees the decision with its 文号 and validity', async () => {
    const { review } = await auditReport();
    const r = await recorded(
      {
        target: review.gid,
        decision: 'RECOGNISED',
        documentRef: '鹤财绩〔2026〕12号',
        validFrom: '2026-01-01',
        validUntil: '2099-12-31',
      },
      await T.finance(),
    );
    expect(r).toMatchObject({
      decision: 'RECOGNISED',
      status: 'CURRENT',
      inEffect: true,
      scope: [],
      documentRef: '鹤财绩〔2026〕12号',
      agency: { code: w.finance.code },
      targetAgency: { code: w.audit.code },
      review: { id: review.gid },
      viewerCanWithdraw: true,
    });
    const seen = await hub.gql(
      RecognitionsDocument,
      { filterBy: { targets: [review.gid] } },
      await T.audit(),
    );
    expect(
      seen.data!.recognitions.nodes.map((n) => [n.id, n.viewerCanWithdraw, n.viewerCanOpenConsultation]),
    ).toEqual([[r.id, false, true]]);
    const onReview = await hub.gql(ReviewRecognitionsDocument, { id: review.gid }, await T.reform());
    expect(onReview.data!.node).toEqual({
      recognitions: [{ decision: 'RECOGNISED', agency: { code: w.finance.code } }],
    });
  });

  it('keeps the register from budget units: the query is FORBIDDEN and a review shows them no decisions', async () => {
    const { review } = await auditReport();
    await recorded(
      { target: review.gid, decision: 'RECOGNISED', documentRef: '鹤发改〔2026〕3号' },
      await T.reform(),
    );
    const list = await hub.gql(RecognitionsDocument, {}, await T.unit());
    expect(list.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const onReview = await hub.gql(ReviewRecognitionsDocument, { id: review.gid }, await T.unit());
    expect(onReview.data!.node).toEqual({ recognitions: [] });
  });

  it('records a partial recognition (部分采信) with the scope it accepts, and refuses scopes that do not fit the result', async () => {
    const { review, a, b } = await auditReport();
    const other = await f.finding(w.audit, w.unitA, S.AUDIT);
    const finance = await T.finance();
    const base = {
      target: review.gid,
      decision: 'PARTLY_RECOGNISED' as const,
      documentRef: '鹤财监〔2026〕5号',
    };
    expect(codes(await record(base, finance))).toEqual(['BAD_SCOPE:scope']);
    expect(codes(await record({ ...base, scope: ['INDICATOR_SCORES'] }, finance))).toEqual([
      'BAD_SCOPE:scope',
    ]);
    expect(codes(await record({ ...base, scope: ['FINDINGS'] }, finance))).toEqual([
      'BAD_SCOPE:scopeFindings',
    ]);
    expect(
      codes(await record({ ...base, scope: ['FINDINGS'], scopeFindings: [other.gid] }, finance)),
    ).toEqual(['BAD_SCOPE:scopeFindings']);
    const r = await recorded(
      { ...base, scope: ['CONCLUSION', 'FINDINGS'], scopeFindings: [a.gid, b.gid] },
      finance,
    );
    expect(r.decision).toBe('PARTLY_RECOGNISED');
    expect(r.scope).toEqual(['CONCLUSION', 'FINDINGS']);
    expect(r.scopeFindings.map((x) => x.id).sort()).toEqual([a.gid, b.gid].sort());
  });

  it('requires a reason for 不予采信 and gives a refusal no validity period', async () => {
    const x = await f.finding(w.reform, w.unitB, S.REFORM, { category: '未批先建' });
    const audit = await T.audit();
    const base = { target: x.gid, decision: 'NOT_RECOGNISED' as const, documentRef: '鹤审〔2026〕21号' };
    expect(codes(await record(base, audit))).toEqual(['REQUIRED:reason']);
    expect(
      codes(
        await record({ ...base, reason: '稽察结论所依据的批复文件已撤销', validUntil: '2027-12-31' }, audit),
      ),
    ).toEqual(['BAD_VALIDITY:validUntil']);
    const r = await recorded({ ...base, reason: '稽察结论所依据的批复文件已撤销' }, audit);
    expect(r).toMatchObject({
      decision: 'NOT_RECOGNISED',
      inEffect: false,
      reason: '稽察结论所依据的批复文件已撤销',
    });
  });

  it('refuses a decision on the agency’s own results with SELF_RECOGNITION', async () => {
    const { review, a } = await auditReport();
    const audit = await T.audit();
    for (const target of [review.gid, a.gid]) {
      const p = await record({ target, decision: 'RECOGNISED', documentRef: '鹤审〔2026〕1号' }, audit);
      expect(p.recognition).toBeNull();
      expect(p.userErrors).toEqual([
        { code: 'SELF_RECOGNITION', field: 'target', message: expect.stringContaining('own results') },
      ]);
    }
  });

  it('refuses a result the agency may not read (a discipline finding) with NOT_READABLE', async () => {
    const d = await f.finding(w.discipline, w.unitA, S.DISCIPLINE);
    const p = await record(
      { target: d.gid, decision: 'RECOGNISED', documentRef: '鹤审〔2026〕2号' },
      await T.audit(),
    );
    expect(codes(p)).toEqual(['NOT_READABLE:target']);
  });

  it('supersedes the decision in force with a later one, keeping the full history; a stale or missing `supersedes` is CONFLICT', async () => {
    const x = await f.finding(w.audit, w.unitA, S.AUDIT);
    const finance = await T.finance();
    const first = await recorded(
      { target: x.gid, decision: 'RECOGNISED', documentRef: '鹤财绩〔2026〕30号' },
      finance,
    );
    const later = {
      target: x.gid,
      decision: 'NOT_RECOGNISED' as const,
      reason: '复核发现审计认定金额有误',
      documentRef: '鹤财绩〔2026〕31号',
    };
    expect(codes(await record(later, finance))).toEqual(['CONFLICT:supersedes']);
    const second = await recorded({ ...later, supersedes: first.id }, finance);
    expect(second).toMatchObject({ status: 'CURRENT', supersedes: { id: first.id } });
    expect(second.history.map((h) => [h.id, h.status])).toEqual([
      [first.id, 'SUPERSEDED'],
      [second.id, 'CURRENT'],
    ]);
    // a third writer that read the first decision loses nothing: it is told to read again
    expect(codes(await record({ ...later, supersedes: first.id }, finance))).toEqual(['CONFLICT:supersedes']);
    const current = await hub.gql(RecognitionsDocument, { filterBy: { targets: [x.gid] } }, await T.audit());
    expect(current.data!.recognitions.nodes.map((n) => n.id)).toEqual([second.id]);
    const all = await hub.gql(
      RecognitionsDocument,
      { filterBy: { targets: [x.gid], statuses: ['CURRENT', 'SUPERSEDED', 'WITHDRAWN'] } },
      await T.audit(),
    );
    expect(all.data!.recognitions.totalCount).toBe(2);
    expect(all.data!.recognitions.nodes.find((n) => n.id === first.id)!.supersededBy).toEqual({
      id: second.id,
    });
  });

  it('lets exactly one of two concurrent first decisions of one agency on one result become current', async () => {
    const x = await f.finding(w.audit, w.unitB, S.AUDIT);
    const reform = await T.reform();
    const input = { target: x.gid, decision: 'RECOGNISED' as const, documentRef: '鹤发改〔2026〕9号' };
    const results = await Promise.all([record(input, reform), record(input, reform), record(input, reform)]);
    expect(results.filter((p) => p.userErrors.length === 0)).toHaveLength(1);
    expect(results.flatMap(codes).sort()).toEqual(['CONFLICT:supersedes', 'CONFLICT:supersedes']);
    const n = await hub
      .knex('recognition')
      .where({ target_key: `F:${x.id}`, status: 'CURRENT' })
      .count({ n: '*' });
    expect(Number(n[0]!.n)).toBe(1);
  });

  it('lets the recognising agency withdraw its decision, and no one else', async () => {
    const x = await f.finding(w.audit, w.unitA, S.AUDIT);
    const finance = await T.finance();
    const r = await recorded(
      { target: x.gid, decision: 'RECOGNISED', documentRef: '鹤财绩〔2026〕40号' },
      finance,
    );
    const byAuthor = await hub.gql(
      RecognitionWithdrawDocument,
      { input: { id: r.id, reason: '不同意' } },
      await T.audit(),
    );
    expect(codes(byAuthor.data!.recognitionWithdraw)).toEqual(['NOT_RECOGNISER:id']);
    const done = await hub.gql(
      RecognitionWithdrawDocument,
      { input: { id: r.id, reason: '评价范围调整，撤回采信' } },
      finance,
    );
    expect(done.data!.recognitionWithdraw.recognition).toMatchObject({
      status: 'WITHDRAWN',
      inEffect: false,
      withdrawReason: '评价范围调整，撤回采信',
      viewerCanWithdraw: false,
    });
    const again = await hub.gql(
      RecognitionWithdrawDocument,
      { input: { id: r.id, reason: '再次撤回' } },
      finance,
    );
    expect(codes(again.data!.recognitionWithdraw)).toEqual(['ILLEGAL_TRANSITION:id']);
    // with nothing in force, a new decision needs no `supersedes`
    await recorded({ target: x.gid, decision: 'RECOGNISED', documentRef: '鹤财绩〔2026〕41号' }, finance);
  });

  it('shows the discipline commission’s decisions to the author of the result but not to the other agencies', async () => {
    const x = await f.finding(w.audit, w.unitA, S.AUDIT);
    await recorded(
      { target: x.gid, decision: 'RECOGNISED', documentRef: '鹤纪〔2026〕7号' },
      await T.discipline(),
    );
    const count = async (token: string) =>
      (await hub.gql(RecognitionsDocument, { filterBy: { targets: [x.gid] } }, token)).data!.recognitions
        .totalCount;
    expect(await count(await T.audit())).toBe(1);
    expect(await count(await T.leadership())).toBe(1);
    expect(await count(await T.finance())).toBe(0);
  });
});

describe('consultation (会商)', () => {
  /** The finance bureau refuses an audit finding; the audit bureau disagrees. */
  async function refusal() {
    const x = await f.finding(w.audit, w.unitA, S.AUDIT, { category: '虚列支出' });
    return recorded(
      {
        target: x.gid,
        decision: 'NOT_RECOGNISED',
        reason: '虚列支出金额与财政国库支付记录不符',
        documentRef: '鹤财绩〔2026〕50号',
      },
      await T.finance(),
    );
  }

  it('is opened by the author, answered by the recognising agency and concluded by agreement', async () => {
    const r = await refusal();
    const audit = await T.audit();
    const finance = await T.finance();
    const open = await hub.gql(
      ConsultationOpenDocument,
      {
        input: { recognition: r.id, question: '虚列支出金额的认定', position: '审计认定金额有记账凭证为据' },
      },
      audit,
    );
    let c = open.data!.consultationOpen.consultation!;
    expect(c).toMatchObject({
      state: 'OPEN',
      authorPosition: '审计认定金额有记账凭证为据',
      recognisingPosition: null,
      openedBy: { code: w.audit.code },
    });
    const twice = await hub.gql(
      ConsultationOpenDocument,
      { input: { recognition: r.id, question: '再议', position: '同上' } },
      audit,
    );
    expect(codes(twice.data!.consultationOpen)).toEqual(['CONSULTATION_OPEN:recognition']);
    const early = await hub.gql(
      ConsultationConcludeDocument,
      { input: { id: c.id, version: c.version, outcome: '维持' } },
      audit,
    );
    expect(codes(early.data!.consultationConclude)).toEqual(['ILLEGAL_TRANSITION:id']);
    const answered = await hub.gql(
      ConsultationRespondDocument,
      { input: { id: c.id, version: c.version, position: '国库支付记录显示部分款项已退回' } },
      finance,
    );
    c = answered.data!.consultationRespond.consultation!;
    expect(c).toMatchObject({ state: 'ANSWERED', recognisingPosition: '国库支付记录显示部分款项已退回' });
    const stale = await hub.gql(
      ConsultationConcludeDocument,
      { input: { id: c.id, version: c.version - 1, outcome: '维持' } },
      audit,
    );
    expect(codes(stale.data!.consultationConclude)).toEqual(['CONFLICT:version']);
    const done = await hub.gql(
      ConsultationConcludeDocument,
      {
        input: { id: c.id, version: c.version, outcome: '双方同意按核减后金额认定，财政局重新登记部分采信' },
      },
      audit,
    );
    c = done.data!.consultationConclude.consultation!;
    expect(c.state).toBe('CONCLUDED');
    expect(c.steps.map((s) => [s.type, s.actor.code])).toEqual([
      ['OPENED', w.audit.code],
      ['ANSWERED', w.finance.code],
      ['CONCLUDED', w.audit.code],
    ]);
  });

  it('is escalated to the district government when unresolved, and only the district government concludes it', async () => {
    const r = await refusal();
    const audit = await T.audit();
    const finance = await T.finance();
    const leadership = await T.leadership();
    let c = (
      await hub.gql(
        ConsultationOpenDocument,
        { input: { recognition: r.id, question: '是否采信', position: '坚持不予采信' } },
        finance,
      )
    ).data!.consultationOpen.consultation!;
    expect(c.recognisingPosition).toBe('坚持不予采信');
    // a third agency neither sees nor answers it
    const stranger = await hub.gql(
      ConsultationRespondDocument,
      { input: { id: c.id, version: c.version, position: '插话' } },
      await T.reform(),
    );
    expect(codes(stranger.data!.consultationRespond)).toEqual(['NOT_FOUND:id']);
    c = (
      await hub.gql(
        ConsultationEscalateDocument,
        {
          input: {
            id: c.id,
            version: c.version,
            reason: '双方意见分歧，提请区政府协调',
            to: w.leadership.gid,
          },
        },
        audit,
      )
    ).data!.consultationEscalate.consultation!;
    expect(c).toMatchObject({
      state: 'ESCALATED',
      escalatedTo: { code: w.leadership.code },
      viewerCanConclude: false,
    });
    const byParty = await hub.gql(
      ConsultationConcludeDocument,
      { input: { id: c.id, version: c.version, outcome: '维持' } },
      audit,
    );
    expect(codes(byParty.data!.consultationConclude)).toEqual(['NOT_ARBITER:id']);
    const listed = await hub.gql(ConsultationsDocument, { states: ['ESCALATED'] }, leadership);
    const mine = listed.data!.consultations.nodes.find((n) => n.id === c.id)!;
    expect(mine.viewerCanConclude).toBe(true);
    const done = await hub.gql(
      ConsultationConcludeDocument,
      { input: { id: c.id, version: c.version, outcome: '经区政府协调，以审计结论为准，财政局予以采信' } },
      leadership,
    );
    expect(done.data!.consultationConclude.consultation).toMatchObject({
      state: 'CONCLUDED',
      concludedBy: { code: w.leadership.code },
    });
  });
});

describe('same-problem groups (同一问题)', () => {
  let n = 0;
  /** A category of its own per call, so figures can be asked of this test's findings alone. */
  const cat = (name: string) => `${name}-${Date.now().toString(36)}-${++n}`;

  async function link(input: FindingGroupLinkInput, token: string) {
    const res = await hub.gql(FindingGroupLinkDocument, { input }, token);
    expect(res.errors, JSON.stringify(res.errors)).toBeUndefined();
    return res.data!.findingGroupLink;
  }
  async function linked(input: FindingGroupLinkInput, token: string) {
    const p = await link(input, token);
    expect(p.userErrors).toEqual([]);
    return p.group!;
  }
  const stats = async (categories: string[], token: string | null, extra: Record<string, unknown> = {}) => {
    const res = await hub.gql(StatsCountedOnceDocument, { filterBy: { categories, ...extra } }, token);
    expect(res.errors, JSON.stringify(res.errors)).toBeUndefined();
    return res.data!.findingStats;
  };

  it('links an audit and a finance finding about one problem, with who linked them and why', async () => {
    const a = await f.finding(w.audit, w.unitA, S.AUDIT, { category: cat('挤占挪用专项资金') });
    const b = await f.finding(w.finance, w.unitA, S.PERFORMANCE, { category: cat('资金闲置') });
    const g = await linked(
      { findings: [a.gid, b.gid], reason: '审计与绩效评价发现的均为义务教育补助资金被挪用问题' },
      await T.finance(),
    );
    expect(g).toMatchObject({ version: 1, unit: { code: w.unitA.code }, primary: { id: a.gid } });
    expect(g.members.map((m) => [m.finding.id, m.isPrimary, m.linkedBy.code])).toEqual([
      [a.gid, true, w.finance.code],
      [b.gid, false, w.finance.code],
    ]);
    expect(g.agencies.map((x) => x.code).sort()).toEqual([w.audit.code, w.finance.code].sort());
    expect(g.history.map((h) => h.type)).toEqual(['LINKED', 'LINKED', 'PRIMARY_SET']);
    expect(g.members[0]!.reason).toBe('审计与绩效评价发现的均为义务教育补助资金被挪用问题');
  });

  it('refuses findings of two units, a finding already in a group and a stale version', async () => {
    const a = await f.finding(w.audit, w.unitA, S.AUDIT);
    const b = await f.finding(w.reform, w.unitB, S.REFORM);
    const c = await f.finding(w.reform, w.unitA, S.REFORM);
    const d = await f.finding(w.finance, w.unitA, S.PERFORMANCE);
    const audit = await T.audit();
    expect(codes(await link({ findings: [a.gid, b.gid], reason: '同一问题' }, audit))).toEqual([
      'MIXED_UNITS:findings',
    ]);
    expect(codes(await link({ findings: [a.gid], reason: '同一问题' }, audit))).toEqual([
      'BAD_SCOPE:findings',
    ]);
    const g = await linked({ findings: [a.gid, c.gid], reason: '同一问题' }, audit);
    expect(codes(await link({ findings: [c.gid, d.gid], reason: '同一问题' }, audit))).toEqual([
      'ALREADY_GROUPED:findings',
    ]);
    const added = await linked(
      { group: g.id, version: g.version, findings: [d.gid], primary: d.gid, reason: '补充关联' },
      audit,
    );
    expect(added).toMatchObject({ version: 2, primary: { id: d.gid } });
    expect(
      codes(
        await link(
          { group: g.id, version: g.version, findings: [], primary: a.gid, reason: '改主问题' },
          audit,
        ),
      ),
    ).toEqual(['CONFLICT:version']);
  });

  it('counts a group once in findingStats, from the rollup and from the scan alike, and raw counts each agency’s finding', async () => {
    const [ca, cb] = [cat('虚列支出'), cat('自评结果与实际不符')];
    const a = await f.finding(w.audit, w.unitA, S.AUDIT, { category: ca, amount_involved: '300000.00' });
    const b = await f.finding(w.finance, w.unitA, S.PERFORMANCE, {
      category: cb,
      amount_involved: '300000.00',
    });
    const leadership = await T.leadership();
    const before = await stats([ca, cb], leadership);
    expect(before).toMatchObject({ total: 2, amount: '600000.00', raw: { total: 2 } });
    await linked({ findings: [a.gid, b.gid], reason: '同一笔资金' }, await T.audit());
    // the category filter alone is answered from the rollup, with a unit filter from the scan
    for (const extra of [{}, { units: [w.unitA.gid] }]) {
      const s = await stats([ca, cb], leadership, extra);
      expect(s).toMatchObject({ total: 1, amount: '300000.00', byCategory: [{ category: ca, count: 1 }] });
      expect(s.raw).toMatchObject({ total: 2, amount: '600000.00' });
      expect(s.raw.bySource.map((x) => [x.source, x.count]).sort()).toEqual([
        ['AUDIT', 1],
        ['PERFORMANCE', 1],
      ]);
    }
    // asked for one category only, the group is represented by the member that matches
    expect((await stats([cb], leadership)).total).toBe(1);
  });

  it('never shows a viewer a group of which it sees fewer than two findings, nor counts what it may not see', async () => {
    const c = cat('未按规定实施政府采购');
    const pub = await f.finding(w.audit, w.unitA, S.AUDIT, { category: c, sensitivity: 'PUBLIC' });
    const internal = await f.finding(w.finance, w.unitA, S.PERFORMANCE, { category: c });
    const g = await linked({ findings: [internal.gid, pub.gid], reason: '同一采购事项' }, await T.finance());
    // the public sees the public finding, not the group, and still counts it
    expect((await hub.gql(FindingGroupViewDocument, { id: g.id }, null)).data!.findingGroup).toBeNull();
    expect((await stats([c], null)).total).toBe(1);
    // the unit concerned sees both, and the group
    const unit = await T.unit();
    expect(
      (await hub.gql(FindingGroupViewDocument, { id: g.id }, unit)).data!.findingGroup!.members,
    ).toHaveLength(2);
    expect(await stats([c], unit)).toMatchObject({ total: 1, raw: { total: 2 } });
  });

  it('keeps a discipline finding’s membership to the discipline commission', async () => {
    const c = cat('违规发放津贴补贴');
    const a = await f.finding(w.audit, w.unitB, S.AUDIT, { category: c });
    const d = await f.finding(w.discipline, w.unitB, S.DISCIPLINE, { category: c });
    // an agency that may not read the discipline finding cannot link it
    expect(codes(await link({ findings: [a.gid, d.gid], reason: '同一问题' }, await T.audit()))).toEqual([
      'NOT_READABLE:findings',
    ]);
    const g = await linked(
      { findings: [d.gid, a.gid], reason: '审计移送线索与审计发现为同一问题' },
      await T.discipline(),
    );
    const audit = await T.audit();
    expect((await hub.gql(FindingGroupViewDocument, { id: g.id }, audit)).data!.findingGroup).toBeNull();
    expect(
      (await hub.gql(FindingGroupsOfDocument, { findings: [a.gid] }, audit)).data!.findingGroups.totalCount,
    ).toBe(0);
    expect(await stats([c], await T.discipline())).toMatchObject({ total: 1, raw: { total: 2 } });
  });

  it('unlinking the primary passes it on; unlinking down to one finding dissolves the group', async () => {
    const a = await f.finding(w.audit, w.unitA, S.AUDIT);
    const b = await f.finding(w.finance, w.unitA, S.PERFORMANCE);
    const c = await f.finding(w.reform, w.unitA, S.REFORM);
    const reform = await T.reform();
    let g = await linked({ findings: [a.gid, b.gid, c.gid], reason: '同一项目资金问题' }, reform);
    const un = async (findings: string[]) => {
      const res = await hub.gql(
        FindingGroupUnlinkDocument,
        { input: { group: g.id, version: g.version, findings, reason: '经核实不属同一问题' } },
        reform,
      );
      expect(res.data!.findingGroupUnlink.userErrors).toEqual([]);
      return res.data!.findingGroupUnlink.group!;
    };
    g = await un([a.gid]);
    expect(g.primary).toEqual({ id: b.gid });
    expect(g.members.map((m) => m.finding.id)).toEqual([b.gid, c.gid]);
    g = await un([c.gid]);
    expect(g.dissolvedAt).not.toBeNull();
    expect(g.members).toEqual([]);
    expect((await hub.gql(FindingGroupViewDocument, { id: g.id }, reform)).data!.findingGroup).toBeNull();
  });

  it('makes one rectification task from a group, co-supervised by every agency that found the problem', async () => {
    const a = await f.finding(w.audit, w.unitB, S.AUDIT);
    const b = await f.finding(w.finance, w.unitB, S.PERFORMANCE);
    const audit = await T.audit();
    const g = await linked({ findings: [a.gid, b.gid], reason: '同一问题' }, audit);
    const res = await hub.gql(
      `mutation($input: RectificationCreateInput!) { rectificationCreate(input: $input) {
         rectification { findings { id } supervisors { code } } userErrors { code field } } }`,
      {
        input: {
          findingGroups: [g.id],
          measures: '收回被挤占资金，完善专项资金管理制度',
          deadline: new Date(Date.now() + 60 * 86400_000).toISOString().slice(0, 10),
          kind: 'DEADLINE',
        },
      },
      audit,
    );
    const p = res.data!.rectificationCreate;
    expect(p.userErrors).toEqual([]);
    expect(p.rectification.findings.map((x: { id: string }) => x.id).sort()).toEqual([a.gid, b.gid].sort());
    expect(p.rectification.supervisors.map((x: { code: string }) => x.code).sort()).toEqual(
      [w.audit.code, w.finance.code].sort(),
    );
  });
});

describe('duplicate suggestions (疑似重复)', () => {
  /** The same problem found by audit and finance, a distractor, and look-alikes the viewers may not all read. */
  async function scene() {
    const project = await f.project(w.unitA, { name: '义务教育薄弱环节改善项目' });
    const p = { project_id: project.id, fiscal_year: 2024 };
    const original = await f.finding(w.audit, w.unitA, S.AUDIT, {
      ...p,
      category: '挤占挪用专项资金',
      title: '义务教育薄弱环节改善项目挤占挪用专项资金',
      description:
        '2024年度，义务教育薄弱环节改善项目存在挤占挪用专项资金问题，涉及金额125.34万元，将专项资金用于弥补单位日常公用经费。',
      amount_involved: '1253400.00',
      sensitivity: 'PUBLIC',
    });
    const duplicate = await f.finding(w.finance, w.unitA, S.PERFORMANCE, {
      ...p,
      fiscal_year: 2025,
      category: '资金使用不规范',
      title: '专项资金被挤占',
      description: '重点绩效评价中发现，专项资金被挤占挪用，用于弥补日常公用经费，涉及资金约125万元。',
      amount_involved: '1250000.00',
    });
    const distractor = await f.finding(w.reform, w.unitA, S.REFORM, {
      ...p,
      category: '项目建设进度滞后',
      title: '项目建设进度滞后',
      description: '稽察发现，项目建设进度滞后，截至年底仅完成年度计划的45%，涉及资金38.2万元。',
      amount_involved: '382000.00',
    });
    const otherUnit = await f.finding(w.reform, w.unitB, S.REFORM, {
      ...p,
      category: '挤占挪用专项资金',
      description: '专项资金被挤占挪用，用于弥补日常公用经费，涉及资金86万元。',
      amount_involved: '860000.00',
    });
    const discipline = await f.finding(w.discipline, w.unitA, S.DISCIPLINE, {
      ...p,
      category: '违规发放津贴补贴',
      description: '专项资金被挤占挪用，用于弥补日常公用经费，并以此发放津贴补贴。',
      amount_involved: null,
    });
    return { original, duplicate, distractor, otherUnit, discipline };
  }
  const suggest = async (finding: string, token: string | null) => {
    const res = await hub.gql(FindingDuplicatesDocument, { finding, first: 10 }, token);
    expect(res.errors, JSON.stringify(res.errors)).toBeUndefined();
    return res.data!.findingDuplicates;
  };

  it('ranks the same problem found by another agency first, with the score and the reasons in Chinese', async () => {
    const s = await scene();
    const got = await suggest(s.original.gid, await T.audit());
    expect(got[0]!.finding.id).toBe(s.duplicate.gid);
    expect(got[0]!.reasons).toEqual(
      expect.arrayContaining([
        '同单位',
        '同项目',
        '相邻年度',
        '金额一致（取整后）',
        expect.stringMatching(/^文本相似度 0\.\d\d$/),
      ]),
    );
    const rest = got.slice(1).map((g) => g.finding.id);
    expect(rest).not.toContain(s.discipline.gid);
    if (rest.includes(s.distractor.gid))
      expect(got.find((g) => g.finding.id === s.distractor.gid)!.score).toBeLessThan(got[0]!.score);
  });

  it('never suggests what the viewer may not see or read: another unit’s finding to a unit, discipline findings to other roles, anything unpublic to the public', async () => {
    const s = await scene();
    const ids = async (token: string | null) =>
      (await suggest(s.original.gid, token)).map((g) => g.finding.id);
    // the audit bureau sees the other unit's finding about the same project, never the discipline one
    expect(await ids(await T.audit())).toContain(s.otherUnit.gid);
    const unit = await ids(await T.unit());
    expect(unit).toContain(s.duplicate.gid);
    expect(unit).not.toContain(s.otherUnit.gid);
    expect(unit).not.toContain(s.discipline.gid);
    for (const token of [await T.finance(), await T.leadership()])
      expect(await ids(token)).not.toContain(s.discipline.gid);
    expect(await ids(await T.discipline())).toContain(s.discipline.gid);
    // the public reads the original (PUBLIC) but none of the candidates
    expect(await ids(null)).toEqual([]);
    // and a finding the viewer may not read gives nothing, not even the fact that it has duplicates
    expect(await suggest(s.discipline.gid, await T.audit())).toEqual([]);
  });

  it('flags a newly published finding in the change feed with the other agency’s finding it duplicates', async () => {
    const s = await scene();
    const FEED = `query($since: String) { changes(since: $since, first: 20) {
      events { kind finding { id } possibleDuplicates(first: 20) { finding { id } score reasons } } nextSince hasMore } }`;
    const TAIL = `query($since: String) { changes(since: $since, first: 500) { nextSince hasMore } }`;
    const audit = await T.audit();
    let page = await hub.gql(TAIL, {}, audit);
    expect(page.errors, JSON.stringify(page.errors)).toBeUndefined();
    while (page.data!.changes.hasMore)
      page = await hub.gql(TAIL, { since: page.data!.changes.nextSince }, audit);
    const since = page.data!.changes.nextSince;
    const imported = await hub.gql(
      `mutation($input: FindingImportInput!) { findingImport(input: $input) {
        report { created possibleDuplicates(first: 20) { finding { id sourceRef } suggestions { finding { id } score } } }
        userErrors { code } } }`,
      {
        input: {
          rows: [
            {
              sourceRef: `DUP-${s.original.id}`,
              unitCode: w.unitA.code,
              fiscalYear: 2024,
              category: '专项资金管理不规范',
              description:
                '义务教育薄弱环节改善项目专项资金被挤占挪用，用于弥补单位日常公用经费，涉及金额125.34万元。',
              amountInvolved: '1253400.00',
            },
          ],
        },
      },
      await T.finance(),
    );
    expect(imported.data!.findingImport.report.created).toBe(1);
    // the import report flags the new row at once
    const flagged = imported.data!.findingImport.report.possibleDuplicates as {
      finding: { sourceRef: string };
      suggestions: { finding: { id: string }; score: number }[];
    }[];
    expect(flagged.map((x) => x.finding.sourceRef)).toEqual([`DUP-${s.original.id}`]);
    const best = flagged[0]!.suggestions;
    expect(best.find((x) => x.finding.id === s.original.gid)?.score).toBe(best[0]!.score);
    // every event since (other test files write to the same database meanwhile), 20 at a time
    const eventsSince = async (token: string) => {
      const out: {
        kind: string;
        possibleDuplicates: { finding: { id: string }; score: number; reasons: string[] }[];
      }[] = [];
      let at = since;
      for (;;) {
        const p = await hub.gql(FEED, { since: at }, token);
        expect(p.errors, JSON.stringify(p.errors)).toBeUndefined();
        out.push(...p.data!.changes.events);
        if (!p.data!.changes.hasMore) return out;
        at = p.data!.changes.nextSince;
      }
    };
    // the feed hands out an event once every older transaction on the server has ended
    const mine = await eventually(async () => {
      const m = (await eventsSince(audit)).filter((e) =>
        e.possibleDuplicates.some((d) => d.finding.id === s.original.gid),
      );
      return m.length ? m : null;
    }, 'the imported finding in the change feed');
    expect(mine).toHaveLength(1);
    expect(mine[0]).toMatchObject({ kind: 'FINDING_PUBLISHED' });
    // ranked first (other tests of this file planted the same wording earlier: equal scores tie)
    const d = mine[0]!.possibleDuplicates;
    const ours = d.find((x) => x.finding.id === s.original.gid)!;
    expect(ours.score).toBe(d[0]!.score);
    expect(ours.reasons).toEqual(expect.arrayContaining(['同单位', '金额一致']));
    // a budget unit of another unit sees no suggestion about unitA's findings
    for (const e of await eventsSince(await tok(Role.UNIT, w.unitB)))
      expect(e.possibleDuplicates.map((d) => d.finding.id)).not.toContain(s.original.gid);
  });

  it('does not suggest what is already linked to the finding as the same problem', async () => {
    const s = await scene();
    const audit = await T.audit();
    await hub.gql(
      FindingGroupLinkDocument,
      { input: { findings: [s.original.gid, s.duplicate.gid], reason: '同一问题' } },
      audit,
    );
    expect((await suggest(s.original.gid, audit)).map((g) => g.finding.id)).not.toContain(s.duplicate.gid);
  });
});

describe('shared inspection plan (监督检查计划统筹)', () => {
  let year = 2040;
  async function register(input: InspectionPlanRegisterInput, token: string) {
    const res = await hub.gql(InspectionPlanRegisterDocument, { input }, token);
    expect(res.errors, JSON.stringify(res.errors)).toBeUndefined();
    expect(res.data!.inspectionPlanRegister.userErrors).toEqual([]);
    return res.data!.inspectionPlanRegister;
  }

  it('warns when two agencies plan to inspect the same project in overlapping months, and not otherwise', async () => {
    const y = ++year;
    const project = await f.project(w.unitA);
    const base = { planYear: y, periodFrom: y - 2, periodTo: y - 1 };
    const audit = await register(
      { ...base, subject: project.gid, kind: 'AUDIT', scope: '专项资金管理使用情况', months: [3, 4] },
      await T.audit(),
    );
    expect(audit.warnings).toEqual([]);
    expect(audit.plan).toMatchObject({ subjectKind: 'PROJECT', unit: { code: w.unitA.code } });
    const finance = await register(
      {
        ...base,
        subject: project.gid,
        kind: 'KEY_PERFORMANCE_EVALUATION',
        scope: '项目绩效',
        months: [4, 5],
      },
      await T.finance(),
    );
    expect(finance.warnings).toHaveLength(1);
    expect(finance.warnings[0]).toMatchObject({
      kind: 'PLAN_OVERLAP',
      otherPlan: { id: audit.plan!.id, agency: { code: w.audit.code } },
      message: expect.stringContaining('4月'),
    });
    // another month, another subject: no warning
    const later = await register(
      { ...base, subject: project.gid, kind: 'INSPECTION', scope: '建设进度', months: [10] },
      await T.reform(),
    );
    expect(later.warnings).toEqual([]);
    const elsewhere = await register(
      { ...base, subject: w.unitB.gid, kind: 'INSPECTION', scope: '部门整体', months: [4] },
      await T.reform(),
    );
    expect(elsewhere.warnings).toEqual([]);
    // a unit-wide inspection overlaps a project of that unit
    const unitWide = await register(
      { ...base, subject: w.unitA.gid, kind: 'SPECIAL_CHECK', scope: '部门整体支出', months: [5] },
      await T.reform(),
    );
    expect(unitWide.warnings.filter((x) => x.kind === 'PLAN_OVERLAP').map((x) => x.otherPlan?.id)).toEqual([
      finance.plan!.id,
    ]);
    // the planning meeting sees every overlapping pair once
    const meeting = await hub.gql(InspectionPlanWarningsDocument, { year: y }, await T.leadership());
    expect(meeting.data!.inspectionPlanWarnings.filter((x) => x.kind === 'PLAN_OVERLAP')).toHaveLength(2);
    const units = await hub.gql(InspectionPlanWarningsDocument, { year: y }, await T.unit());
    expect(units.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    // a year outside what plans hold is a coded input error, not a database error
    for (const year of [2147483647, -2147483648, 1999])
      expect(
        (await hub.gql(InspectionPlanWarningsDocument, { year }, await T.leadership())).errors?.[0]
          ?.extensions?.code,
      ).toBe('BAD_USER_INPUT');
  });

  it('warns an agency that a result it recognised still covers the subject', async () => {
    const y = ++year;
    const project = await f.project(w.unitB);
    const review = await f.review(w.audit, w.unitB, S.AUDIT, { project_id: project.id });
    const r = await recorded(
      {
        target: review.gid,
        decision: 'RECOGNISED',
        documentRef: '鹤财绩〔2040〕8号',
        validFrom: `${y - 1}-01-01`,
        validUntil: `${y}-06-30`,
      },
      await T.finance(),
    );
    const inForce = await register(
      {
        subject: project.gid,
        planYear: y,
        kind: 'KEY_PERFORMANCE_EVALUATION',
        scope: '项目绩效',
        periodFrom: y - 1,
        periodTo: y - 1,
        months: [5],
      },
      await T.finance(),
    );
    expect(inForce.warnings).toEqual([
      expect.objectContaining({ kind: 'RECOGNISED_RESULT_IN_FORCE', recognition: { id: r.id } }),
    ]);
    const after = await register(
      {
        subject: project.gid,
        planYear: y,
        kind: 'KEY_PERFORMANCE_EVALUATION',
        scope: '项目绩效',
        periodFrom: y - 1,
        periodTo: y - 1,
        months: [9],
      },
      await T.finance(),
    );
    expect(after.warnings.filter((x) => x.kind === 'RECOGNISED_RESULT_IN_FORCE')).toEqual([]);
  });
});

describe('coverage (覆盖情况)', () => {
  const COVERAGE = `query($subject: ID!, $year: Int!) { coverage(subject: $subject, year: $year) {
    subjectKind fromYear toYear unit { code }
    reviews { id source fiscalYear agency { code } conclusion recognitions { decision agency { code } } }
    examinedBy { code }
    plannedInspections { planYear months agency { code } }
  } }`;

  it('shows who examined a project, with what conclusion, who recognises it and who plans to come next; a discipline review as existence only', async () => {
    const project = await f.project(w.unitB, { name: '农村饮水安全巩固提升工程' });
    const p = { project_id: project.id };
    const audit = await f.review(w.audit, w.unitB, S.AUDIT, {
      ...p,
      fiscal_year: 2024,
      conclusion: '资金管理总体规范',
    });
    await f.review(w.finance, w.unitB, S.PERFORMANCE, {
      ...p,
      fiscal_year: 2024,
      conclusion: '绩效评价等级为良',
    });
    await f.review(w.reform, w.unitB, S.REFORM, { ...p, fiscal_year: 2025, conclusion: '建设进度滞后' });
    const disc = await f.review(w.discipline, w.unitB, S.DISCIPLINE, {
      ...p,
      fiscal_year: 2025,
      conclusion: '线索核查中',
      sensitivity: 'SECRET',
    });
    await f.review(w.audit, w.unitB, S.AUDIT, { ...p, fiscal_year: 2020, conclusion: '五年前的审计' });
    await recorded(
      { target: audit.gid, decision: 'RECOGNISED', documentRef: '鹤财绩〔2026〕60号' },
      await T.finance(),
    );
    await hub.gql(
      InspectionPlanRegisterDocument,
      {
        input: {
          subject: project.gid,
          planYear: 2026,
          kind: 'INSPECTION',
          scope: '工程建设进度',
          periodFrom: 2025,
          periodTo: 2025,
          months: [6],
        },
      },
      await T.reform(),
    );
    const res = await hub.gql(COVERAGE, { subject: project.gid, year: 2026 }, await T.audit());
    const c = res.data!.coverage;
    expect(c).toMatchObject({
      subjectKind: 'PROJECT',
      fromYear: 2024,
      toYear: 2026,
      unit: { code: w.unitB.code },
    });
    expect(c.reviews.map((r: { source: string }) => r.source).sort()).toEqual([
      'AUDIT',
      'DISCIPLINE',
      'PERFORMANCE',
      'REFORM',
    ]);
    expect(c.examinedBy.map((o: { code: string }) => o.code).sort()).toEqual(
      [w.audit.code, w.finance.code, w.reform.code, w.discipline.code].sort(),
    );
    const a = c.reviews.find((r: { id: string }) => r.id === audit.gid);
    expect(a).toMatchObject({
      conclusion: '资金管理总体规范',
      recognitions: [{ decision: 'RECOGNISED', agency: { code: w.finance.code } }],
    });
    expect(c.plannedInspections).toEqual([{ planYear: 2026, months: [6], agency: { code: w.reform.code } }]);
    // the discipline review: there, and nothing more
    const i = c.reviews.findIndex((r: { id: string }) => r.id === disc.gid);
    expect(c.reviews[i].conclusion).toBeNull();
    expect(res.errors?.map((e) => [e.path?.join('.'), e.extensions?.code])).toEqual([
      [`coverage.reviews.${i}.conclusion`, 'FORBIDDEN'],
    ]);
    // budget units do not get the planning view
    const unit = await hub.gql(COVERAGE, { subject: project.gid, year: 2026 }, await T.unit());
    expect(unit.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });
});

describe('joint inspection (联合检查)', () => {
  const JOIN = `mutation($plan: ID!, $lead: ID!) { inspectionPlanJoin(plan: $plan, lead: $lead) {
    plan { id jointLead { id agency { code } } } warnings { kind otherPlan { id } } userErrors { code field } } }`;
  const LEAVE = `mutation($plan: ID!) { inspectionPlanLeave(plan: $plan) {
    plan { id jointLead { id } } warnings { kind otherPlan { id } } userErrors { code field } } }`;
  const PARTICIPANTS = `query($year: Int!) { inspectionPlanWarnings(year: $year) { kind plan { id participants { id agency { code } } } otherPlan { id } } }`;
  let year = 2070;

  async function plan(subject: string, months: number[], token: string, y: number) {
    const res = await hub.gql(
      InspectionPlanRegisterDocument,
      {
        input: {
          subject,
          planYear: y,
          kind: 'SPECIAL_CHECK',
          scope: '专项检查',
          periodFrom: y - 1,
          periodTo: y - 1,
          months,
        },
      },
      token,
    );
    expect(res.data!.inspectionPlanRegister.userErrors).toEqual([]);
    return res.data!.inspectionPlanRegister.plan!.id as string;
  }
  const join = async (p: string, lead: string, token: string) =>
    (await hub.gql(JOIN, { plan: p, lead }, token)).data!.inspectionPlanJoin;

  it('merges an overlapping plan into another agency’s plan: the overlap warning goes, the lead lists it, and it can leave again', async () => {
    const y = ++year;
    const project = await f.project(w.unitA);
    const audit = await plan(project.gid, [4, 5], await T.audit(), y);
    const finance = await plan(project.gid, [5], await T.finance(), y);
    const before = await hub.gql(PARTICIPANTS, { year: y }, await T.leadership());
    expect(
      before.data!.inspectionPlanWarnings.filter((x: { kind: string }) => x.kind === 'PLAN_OVERLAP'),
    ).toHaveLength(1);

    const joined = await join(finance, audit, await T.finance());
    expect(joined.userErrors).toEqual([]);
    expect(joined.plan).toEqual({ id: finance, jointLead: { id: audit, agency: { code: w.audit.code } } });
    expect(joined.warnings.filter((x: { kind: string }) => x.kind === 'PLAN_OVERLAP')).toEqual([]);
    const after = await hub.gql(PARTICIPANTS, { year: y }, await T.leadership());
    expect(
      after.data!.inspectionPlanWarnings.filter((x: { kind: string }) => x.kind === 'PLAN_OVERLAP'),
    ).toEqual([]);
    const node = await hub.gql(
      `query($id: ID!) { node(id: $id) { ... on InspectionPlan { participants { id agency { code } } } } }`,
      { id: audit },
      await T.reform(),
    );
    expect(node.data!.node.participants).toEqual([{ id: finance, agency: { code: w.finance.code } }]);

    // a third agency overlapping both is warned about the lead and the participant alike
    const reform = await plan(project.gid, [5], await T.reform(), y);
    const joinedToo = await join(reform, audit, await T.reform());
    expect(joinedToo.warnings.filter((x: { kind: string }) => x.kind === 'PLAN_OVERLAP')).toEqual([]);

    const left = (await hub.gql(LEAVE, { plan: finance }, await T.finance())).data!.inspectionPlanLeave;
    expect(left.userErrors).toEqual([]);
    expect(left.plan.jointLead).toBeNull();
    expect(left.warnings.map((x: { otherPlan: { id: string } }) => x.otherPlan.id).sort()).toEqual(
      [audit, reform].sort(),
    );
    const again = (await hub.gql(LEAVE, { plan: finance }, await T.finance())).data!.inspectionPlanLeave;
    expect(codes(again)).toEqual(['NOT_JOINED:plan']);
  });

  it('refuses joins that are not the agency’s own, of the same agency, another year, another subject, or a chain', async () => {
    const y = ++year;
    const project = await f.project(w.unitA);
    const other = await f.project(w.unitB);
    const audit = await plan(project.gid, [3], await T.audit(), y);
    const audit2 = await plan(project.gid, [3], await T.audit(), y);
    const finance = await plan(project.gid, [3], await T.finance(), y);
    const financeNextYear = await plan(project.gid, [3], await T.finance(), y + 1);
    const reformElsewhere = await plan(other.gid, [3], await T.reform(), y);
    const financeT = await T.finance();
    expect(codes(await join(audit, finance, financeT))).toEqual(['NOT_YOURS:plan']);
    expect(codes(await join(audit2, audit, await T.audit()))).toEqual(['SAME_AGENCY:lead']);
    expect(codes(await join(financeNextYear, audit, financeT))).toEqual(['DIFFERENT_YEAR:lead']);
    expect(codes(await join(reformElsewhere, audit, await T.reform()))).toEqual(['DIFFERENT_SUBJECT:lead']);
    expect(codes(await join(finance, audit, financeT))).toEqual([]);
    // the lead cannot join elsewhere while it leads; nobody joins a participant
    const reform = await plan(project.gid, [3], await T.reform(), y);
    expect(codes(await join(audit, reform, await T.audit()))).toEqual(['HAS_PARTICIPANTS:plan']);
    expect(codes(await join(reform, finance, await T.reform()))).toEqual(['LEAD_IS_PARTICIPANT:lead']);
    // a discipline plan is not there for the audit bureau to join
    const disc = await plan(project.gid, [3], await T.discipline(), y);
    expect(codes(await join(audit2, disc, await T.audit()))).toEqual(['NOT_FOUND:lead']);
    // a budget unit does not reach the mutation
    const unit = await hub.gql(JOIN, { plan: finance, lead: audit }, await T.unit());
    expect(unit.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it('lets exactly one of two concurrent opposite joins succeed (no plan ends up leading and participating)', async () => {
    const y = ++year;
    const project = await f.project(w.unitB);
    const a = await plan(project.gid, [7], await T.audit(), y);
    const b = await plan(project.gid, [7], await T.finance(), y);
    const [x, z] = await Promise.all([join(a, b, await T.audit()), join(b, a, await T.finance())]);
    expect([x.userErrors.length, z.userErrors.length].sort()).toEqual([0, 1]);
    const rows = await hub
      .knex('inspection_plan')
      .select('id', 'joint_lead_id')
      .whereIn('plan_year', [y])
      .orderBy('id');
    expect(rows.filter((r) => r.joint_lead_id != null)).toHaveLength(1);
  });
});

describe('coverage list (覆盖情况一览)', () => {
  const LIST = `query($kind: SubjectKind!, $year: Int!, $gap: CoverageGap, $min: Int, $after: String) {
    coverageList(kind: $kind, year: $year, gap: $gap, minAgencies: $min, first: 100, after: $after) {
      totalCount pageInfo { hasNextPage endCursor }
      nodes { subjectKind unit { code } project { code } reviewCount agencyCount peakAgenciesInOneYear lastExaminedYear examinedBy { code } }
    } }`;
  type Entry = {
    subjectKind: string;
    unit: { code: string };
    project: { code: string } | null;
    reviewCount: number;
    agencyCount: number;
    peakAgenciesInOneYear: number;
    lastExaminedYear: number | null;
    examinedBy: { code: string }[];
  };
  async function all(
    vars: Record<string, unknown>,
    token: string,
  ): Promise<{ nodes: Entry[]; totalCount: number }> {
    const nodes: Entry[] = [];
    let after: string | null = null;
    let totalCount = 0;
    for (;;) {
      const res: { data?: any; errors?: unknown } = await hub.gql(LIST, { ...vars, after }, token);
      expect(res.errors, JSON.stringify(res.errors)).toBeUndefined();
      const c: { nodes: Entry[]; totalCount: number; pageInfo: { hasNextPage: boolean; endCursor: string } } =
        res.data.coverageList;
      nodes.push(...c.nodes);
      totalCount = c.totalCount;
      if (!c.pageInfo.hasNextPage) break;
      after = c.pageInfo.endCursor;
    }
    expect(nodes).toHaveLength(totalCount);
    return { nodes, totalCount };
  }

  it('lists projects examined by several agencies in one year, and units nobody examined, counting what the viewer may see', async () => {
    // fiscal years 2088-2090 belong to this test alone
    const y = 2090;
    const unit = await f.org('BUDGET_UNIT' as never, { name: '测试未检查单位' });
    const examined = await f.org('BUDGET_UNIT' as never, { name: '测试多头检查单位' });
    const crowded = await f.project(examined);
    const spread = await f.project(examined);
    const p = (id: number, fy: number) => ({ project_id: id, fiscal_year: fy });
    await f.review(w.audit, examined, S.AUDIT, p(crowded.id, 2089));
    await f.review(w.finance, examined, S.PERFORMANCE, p(crowded.id, 2089));
    await f.review(w.discipline, examined, S.DISCIPLINE, { ...p(crowded.id, 2089), sensitivity: 'SECRET' });
    await f.review(w.audit, examined, S.AUDIT, p(spread.id, 2088));
    await f.review(w.finance, examined, S.PERFORMANCE, p(spread.id, 2090));
    await f.review(w.reform, examined, S.REFORM, { ...p(spread.id, 2090), publication_state: 'WITHDRAWN' });
    await f.review(w.reform, examined, S.REFORM, { ...p(spread.id, 2090), publication_state: 'DRAFT' });
    // before the window: does not count
    await f.review(w.reform, examined, S.REFORM, p(crowded.id, 2087));

    const audit = await T.audit();
    const several = await all({ kind: 'PROJECT', year: y, gap: 'EXAMINED_BY_SEVERAL' }, audit);
    expect(several.nodes).toEqual([
      {
        subjectKind: 'PROJECT',
        unit: { code: examined.code },
        project: { code: crowded.code },
        reviewCount: 3,
        agencyCount: 3,
        peakAgenciesInOneYear: 3,
        lastExaminedYear: 2089,
        examinedBy: expect.arrayContaining([
          { code: w.audit.code },
          { code: w.finance.code },
          { code: w.discipline.code },
        ]),
      },
    ]);
    expect(
      (await all({ kind: 'PROJECT', year: y, gap: 'EXAMINED_BY_SEVERAL', min: 3 }, audit)).nodes,
    ).toHaveLength(1);
    expect(
      (await all({ kind: 'PROJECT', year: y, gap: 'EXAMINED_BY_SEVERAL', min: 4 }, audit)).nodes,
    ).toEqual([]);

    // the reform bureau's draft is its own: counted for it, not for the audit bureau
    const everything = await all({ kind: 'PROJECT', year: y }, audit);
    expect(everything.nodes.find((n) => n.project?.code === spread.code)).toMatchObject({
      reviewCount: 2,
      agencyCount: 2,
      peakAgenciesInOneYear: 1,
      lastExaminedYear: 2090,
    });
    const byReform = await all({ kind: 'PROJECT', year: y }, await T.reform());
    expect(byReform.nodes.find((n) => n.project?.code === spread.code)).toMatchObject({
      reviewCount: 3,
      peakAgenciesInOneYear: 2,
    });

    // units: the unit nobody examined is listed as such, the examined one is not
    const none = await all({ kind: 'UNIT', year: y, gap: 'NOT_EXAMINED' }, audit);
    const codesOf = none.nodes.map((n) => n.unit.code);
    expect(codesOf).toContain(unit.code);
    expect(codesOf).not.toContain(examined.code);
    expect(
      none.nodes.every((n) => n.reviewCount === 0 && n.examinedBy.length === 0 && n.subjectKind === 'UNIT'),
    ).toBe(true);
    // direct SQL agrees on the number of units nobody examined in the window (the audit bureau sees every published review)
    const { n } = (await hub
      .knex('organization as o')
      .where('o.kind', 'BUDGET_UNIT')
      .whereNotExists((q) =>
        q
          .from('review as rv')
          .whereRaw('rv.unit_id = o.id')
          .whereBetween('rv.fiscal_year', [2088, 2090])
          .whereNotIn('rv.publication_state', ['WITHDRAWN', 'DRAFT']),
      )
      .count({ n: '*' })
      .first()) as { n: string };
    expect(none.totalCount).toBe(Number(n));

    // budget units do not get the planning view; a bad window is a coded error
    const u = await hub.gql(LIST, { kind: 'UNIT', year: y }, await T.unit());
    expect(u.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const bad = await hub.gql(LIST, { kind: 'UNIT', year: y, gap: 'EXAMINED_BY_SEVERAL', min: 1 }, audit);
    expect(bad.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });
});
