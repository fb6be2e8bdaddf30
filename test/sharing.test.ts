import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestHub, type TestHub } from './support/harness.js';
import { Factory } from './support/factories.js';
import { FindingSource as S, Role, Sensitivity } from '../src/shared/enums.js';

let hub: TestHub;
let f: Factory;
let w: Awaited<ReturnType<Factory['world']>>;
beforeAll(async () => {
  hub = await startTestHub();
  f = new Factory(hub.knex);
  w = await f.world();
});
afterAll(async () => hub?.stop());

const RULE_SET = `mutation($input: SharingRuleSetInput!) { sharingRuleSet(input: $input) { rule { level category } userErrors { code field message } } }`;
const CREATE = `mutation($input: AccessRequestCreateInput!) { accessRequestCreate(input: $input) {
  request { id status version viewerCanDecide } userErrors { code field message } } }`;
const decide = (
  verb: string,
) => `mutation($input: AccessRequestDecisionInput!) { accessRequest${verb}(input: $input) {
  request { id status version reason expiresAt events { action actorUser actor { code } } } userErrors { code field message } } }`;
const READ = `query($id: ID!) { finding(id: $id) { category title description viewerCanReadContent viewerCanRequestAccess } }`;

describe('conditional sharing (有条件共享)', () => {
  it('runs request → approve → read → expiry → denied, every step recorded', async () => {
    const category = `资金闲置-${Date.now()}`;
    const x = await f.finding(w.finance, w.unitA, S.PERFORMANCE, {
      category,
      description: '某项目资金闲置两年',
    });
    const financeT = await hub.token(Role.FINANCE, w.finance.code);
    const auditT = await hub.token(Role.AUDIT, w.audit.code);

    // before any rule, performance findings are shared unconditionally
    expect((await hub.gql(READ, { id: x.gid }, auditT)).data!.finding.description).toBe('某项目资金闲置两年');

    const set = await hub.gql(
      RULE_SET,
      { input: { category, level: 'CONDITIONAL', note: '涉及预算调整，需申请' } },
      financeT,
    );
    expect(set.data!.sharingRuleSet).toEqual({ rule: { level: 'CONDITIONAL', category }, userErrors: [] });

    const denied = await hub.gql(READ, { id: x.gid }, auditT);
    expect(denied.data!.finding).toMatchObject({
      category,
      description: null,
      viewerCanReadContent: false,
      viewerCanRequestAccess: true,
    });
    expect(denied.errors!.map((e) => e.extensions!.code)).toEqual(['FORBIDDEN', 'FORBIDDEN']);

    const expiresAt = new Date(Date.now() + 2500).toISOString();
    const made = await hub.gql(
      CREATE,
      {
        input: {
          owner: w.finance.gid,
          scope: 'RECORDS',
          findings: [x.gid],
          purpose: '审计取证需要',
          expiresAt,
        },
      },
      auditT,
    );
    expect(made.data!.accessRequestCreate.userErrors).toEqual([]);
    const req = made.data!.accessRequestCreate.request;
    expect(req).toMatchObject({ status: 'PENDING', viewerCanDecide: false });

    // the requester cannot approve its own request, and learns nothing
    const self = await hub.gql(decide('Approve'), { input: { id: req.id, version: req.version } }, auditT);
    expect(self.data!.accessRequestApprove.userErrors[0].code).toBe('NOT_FOUND');
    // a stale version is a conflict and changes nothing
    const stale = await hub.gql(
      decide('Approve'),
      { input: { id: req.id, version: req.version + 1 } },
      financeT,
    );
    expect(stale.data!.accessRequestApprove.userErrors[0].code).toBe('CONFLICT');

    const ok = await hub.gql(decide('Approve'), { input: { id: req.id, version: req.version } }, financeT);
    expect(ok.data!.accessRequestApprove.userErrors).toEqual([]);
    expect(ok.data!.accessRequestApprove.request.status).toBe('APPROVED');

    const granted = await hub.gql(READ, { id: x.gid }, auditT);
    expect(granted.errors).toBeUndefined();
    expect(granted.data!.finding).toMatchObject({
      description: '某项目资金闲置两年',
      viewerCanReadContent: true,
      viewerCanRequestAccess: false,
    });
    // a third agency is still denied: the approval widened access for one agency only
    const reformT = await hub.token(Role.REFORM, w.reform.code);
    expect((await hub.gql(READ, { id: x.gid }, reformT)).data!.finding.description).toBeNull();

    await new Promise((r) => setTimeout(r, Math.max(0, Date.parse(expiresAt) - Date.now() + 100)));
    const expired = await hub.gql(READ, { id: x.gid }, auditT);
    expect(expired.data!.finding.description).toBeNull();
    expect(expired.errors![0]!.extensions!.code).toBe('FORBIDDEN');

    const list = await hub.gql(
      `{ accessRequests(first: 10, filterBy: { direction: RECEIVED }) { nodes { id status events { action actor { code } } } } }`,
      {},
      financeT,
    );
    const mine = list.data!.accessRequests.nodes.find((n: { id: string }) => n.id === req.id);
    expect(mine.status).toBe('EXPIRED');
    expect(mine.events.map((e: { action: string }) => e.action)).toEqual(['REQUESTED', 'APPROVED']);
    expect(mine.events[0].actor.code).toBe(w.audit.code);
  });

  it('ends access on revocation and records the reason', async () => {
    const category = `超范围列支-${Date.now()}`;
    const x = await f.finding(w.audit, w.unitB, S.AUDIT, { category });
    const auditT = await hub.token(Role.AUDIT, w.audit.code);
    const financeT = await hub.token(Role.FINANCE, w.finance.code);
    await hub.gql(RULE_SET, { input: { category, level: 'CONDITIONAL' } }, auditT);
    const made = await hub.gql(
      CREATE,
      {
        input: {
          owner: w.audit.gid,
          scope: 'CATEGORY',
          category,
          purpose: '绩效评价参考',
          expiresAt: new Date(Date.now() + 86400_000).toISOString(),
        },
      },
      financeT,
    );
    const req = made.data!.accessRequestCreate.request;
    const ok = await hub.gql(decide('Approve'), { input: { id: req.id, version: req.version } }, auditT);
    expect((await hub.gql(READ, { id: x.gid }, financeT)).data!.finding.title).toBe('测试问题');
    const revoked = await hub.gql(
      decide('Revoke'),
      { input: { id: req.id, version: ok.data!.accessRequestApprove.request.version, reason: '用途已完成' } },
      auditT,
    );
    expect(revoked.data!.accessRequestRevoke.request).toMatchObject({
      status: 'REVOKED',
      reason: '用途已完成',
    });
    expect(revoked.data!.accessRequestRevoke.request.events.map((e: { action: string }) => e.action)).toEqual(
      ['REQUESTED', 'APPROVED', 'REVOKED'],
    );
    expect((await hub.gql(READ, { id: x.gid }, financeT)).data!.finding.title).toBeNull();
  });

  it('refuses requests that make no sense, with coded errors, and writes nothing', async () => {
    const category = `虚列支出-${Date.now()}`;
    const x = await f.finding(w.audit, w.unitB, S.AUDIT, { category });
    const d = await f.finding(w.discipline, w.unitB, S.DISCIPLINE);
    const financeT = await hub.token(Role.FINANCE, w.finance.code);
    const before = Number((await hub.knex('access_request').count({ n: '*' }).first())!.n);
    const later = new Date(Date.now() + 86400_000).toISOString();
    const cases: [Record<string, unknown>, string, string][] = [
      [
        { owner: w.audit.gid, scope: 'RECORDS', findings: [x.gid], purpose: '需要', expiresAt: later },
        'ALREADY_SHARED',
        'findings',
      ],
      [
        {
          owner: w.discipline.gid,
          scope: 'RECORDS',
          findings: [d.gid],
          purpose: '需要查看',
          expiresAt: later,
        },
        'NOT_SHAREABLE',
        'findings',
      ],
      [
        { owner: w.finance.gid, scope: 'CATEGORY', category, purpose: '需要查看', expiresAt: later },
        'OWN_RECORDS',
        'owner',
      ],
      [
        { owner: w.audit.gid, scope: 'RECORDS', findings: [d.gid], purpose: '需要查看', expiresAt: later },
        'NOT_FOUND',
        'findings',
      ],
      [
        {
          owner: w.audit.gid,
          scope: 'RECORDS',
          findings: [x.gid],
          purpose: '需要查看',
          expiresAt: new Date(Date.now() - 1000).toISOString(),
        },
        'BAD_EXPIRY',
        'expiresAt',
      ],
      [
        {
          owner: w.audit.gid,
          scope: 'RECORDS',
          findings: [x.gid],
          purpose: '需要查看',
          expiresAt: new Date(Date.now() + 400 * 86400_000).toISOString(),
        },
        'BAD_EXPIRY',
        'expiresAt',
      ],
      [
        { owner: w.audit.gid, scope: 'CATEGORY', category, purpose: ' ', expiresAt: later },
        'REQUIRED',
        'purpose',
      ],
    ];
    for (const [input, code, field] of cases) {
      const res = await hub.gql(CREATE, { input }, financeT);
      expect(res.data!.accessRequestCreate, JSON.stringify(input)).toMatchObject({
        request: null,
        userErrors: [{ code, field }],
      });
    }
    expect(Number((await hub.knex('access_request').count({ n: '*' }).first())!.n)).toBe(before);
    // a unit is not an agency: the mutation itself is forbidden
    const unit = await hub.gql(CREATE, { input: cases[0]![0] }, await hub.token(Role.UNIT, w.unitA.code));
    expect(unit.errors![0]!.extensions!.code).toBe('FORBIDDEN');
  });
});

describe('discipline secrets never leave the commission', () => {
  it('no response to any other role contains a clue source or a person, whatever the query shape', async () => {
    const category = `违规发放津贴补贴-${Date.now()}`;
    const marker = { clue: '线索来源甲乙丙丁', person: '秘密当事人戊己', position: '特别职务庚辛' };
    const unit = await f.org('BUDGET_UNIT' as never);
    const d = await f.finding(w.discipline, unit, S.DISCIPLINE, {
      category,
      clue_source: marker.clue,
      persons_involved: JSON.stringify([{ name: marker.person, position: marker.position }]),
    });
    // even with the category shared conditionally and a request approved, the secrets stay secret
    const discT = await hub.token(Role.DISCIPLINE, w.discipline.code);
    await hub.gql(RULE_SET, { input: { category, level: 'CONDITIONAL' } }, discT);
    const auditT0 = await hub.token(Role.AUDIT, w.audit.code);
    const made = await hub.gql(
      CREATE,
      {
        input: {
          owner: w.discipline.gid,
          scope: 'CATEGORY',
          category,
          purpose: '联合检查',
          expiresAt: new Date(Date.now() + 86400_000).toISOString(),
        },
      },
      auditT0,
    );
    const req = made.data!.accessRequestCreate.request;
    await hub.gql(decide('Approve'), { input: { id: req.id, version: req.version } }, discT);

    const all = `clueSource personsInvolved { name position } caseStage title description`;
    const shapes = [
      `{ findings(first: 100, filterBy: { units: ["${unit.gid}"] }) { nodes { ... on DisciplineFinding { ${all} } } } }`,
      `{ finding(id: "${d.gid}") { ... on DisciplineFinding { ${all} } } }`,
      `{ node(id: "${d.gid}") { ... on DisciplineFinding { ${all} } } }`,
      `{ nodes(ids: ["${d.gid}"]) { ... F } } fragment F on DisciplineFinding { ${all} }`,
      `{ a: finding(id: "${d.gid}") { ... on DisciplineFinding { x: clueSource y: personsInvolved { n: name p: position } } } }`,
      `{ organization(id: "${unit.gid}") { findingsAbout(first: 10) { nodes { ... on DisciplineFinding { ${all} } } } } }`,
      `{ findings(first: 5, filterBy: { search: "${marker.clue}" }) { totalCount nodes { id } } }`,
      `{ findingStats(filterBy: { units: ["${unit.gid}"] }) { total byCategory { category count } bySource { source count } } }`,
      `{ accessRequests(first: 20) { nodes { findings { ... on DisciplineFinding { ${all} } } } } }`,
    ];
    const admin = await f.org('HUB_OPERATOR' as never);
    for (const role of Object.values(Role).filter((r) => r !== Role.DISCIPLINE)) {
      const org = {
        FINANCE: w.finance,
        AUDIT: w.audit,
        REFORM: w.reform,
        UNIT: unit,
        EVALUATOR: w.evaluator,
        LEADERSHIP: w.leadership,
        HUB_ADMIN: admin,
      }[role as string];
      const token = role === Role.PUBLIC ? null : await hub.token(role, org!.code);
      for (const q of shapes) {
        const res = await hub.gql(q, {}, token);
        expect(res.status, `${role} must be let in, or the check proves nothing`).toBe(200);
        const body = JSON.stringify(res);
        expect(body, `${role}: ${q}`).not.toContain(marker.clue);
        expect(body, `${role}: ${q}`).not.toContain(marker.person);
        expect(body, `${role}: ${q}`).not.toContain(marker.position);
      }
    }
    // the approved agency does read the content it was granted
    const granted = await hub.gql(`{ finding(id: "${d.gid}") { title category } }`, {}, auditT0);
    expect(granted.data!.finding.title).toBe('测试问题');
    // and the commission itself sees everything
    const own = JSON.stringify(await hub.gql(shapes[1]!, {}, discT));
    expect(own).toContain(marker.clue);
    expect(own).toContain(marker.person);
  });
});

describe('access log (查询留痕)', () => {
  it('records who read which restricted fields — names, never values — for the owner and the commission', async () => {
    const secretText = '限定范围的问题描述内容';
    const x = await f.finding(w.reform, w.unitA, S.REFORM, {
      sensitivity: Sensitivity.RESTRICTED,
      description: secretText,
    });
    const plain = await f.finding(w.reform, w.unitA, S.REFORM, { sensitivity: Sensitivity.INTERNAL });
    const auditT = await hub.token(Role.AUDIT, w.audit.code);
    await hub.gql(
      `query ReadForAudit { a: finding(id: "${x.gid}") { title description amountInvolved } b: finding(id: "${plain.gid}") { title } }`,
      {},
      auditT,
    );

    const reformT = await hub.token(Role.REFORM, w.reform.code);
    const q = `query($r: ID!) { accessLog(first: 10, filterBy: { record: $r }) { totalCount nodes { recordId recordType fields operation readerRole readerUser readerOrganization { code } owner { code } sensitivity } } }`;
    const log = await hub.gql(q, { r: x.gid }, reformT);
    expect(log.errors).toBeUndefined();
    expect(log.data!.accessLog.nodes).toEqual([
      {
        recordId: x.gid,
        recordType: 'Finding',
        fields: ['amountInvolved', 'description', 'title'],
        operation: 'ReadForAudit',
        readerRole: 'AUDIT',
        readerUser: 'test-audit',
        readerOrganization: { code: w.audit.code },
        owner: { code: w.reform.code },
        sensitivity: 'RESTRICTED',
      },
    ]);
    expect(JSON.stringify(log)).not.toContain(secretText);
    // INTERNAL reads are not logged
    expect((await hub.gql(q, { r: plain.gid }, reformT)).data!.accessLog.totalCount).toBe(0);
    // the commission sees it; another agency does not see reads of records it does not own
    expect(
      (await hub.gql(q, { r: x.gid }, await hub.token(Role.DISCIPLINE, w.discipline.code))).data!.accessLog
        .totalCount,
    ).toBe(1);
    expect(
      (await hub.gql(q, { r: x.gid }, await hub.token(Role.FINANCE, w.finance.code))).data!.accessLog
        .totalCount,
    ).toBe(0);
    // a unit may not read the log at all
    const unit = await hub.gql(q, { r: x.gid }, await hub.token(Role.UNIT, w.unitA.code));
    expect(unit.errors![0]!.extensions!.code).toBe('FORBIDDEN');
  });

  it('is append-only in the database itself', async () => {
    await expect(hub.knex('access_log').update({ reader_role: 'X' })).rejects.toThrow(/append-only/);
    await expect(hub.knex('access_log').del()).rejects.toThrow(/append-only/);
    await expect(hub.knex('sharing_event').del()).rejects.toThrow(/append-only/);
  });
});

describe('aggregates do not leak', () => {
  it('counts only visible rows, sums only readable amounts, and suppresses small discipline figures', async () => {
    const unit = await f.org('BUDGET_UNIT' as never);
    await f.finding(w.audit, unit, S.AUDIT, { amount_involved: '100.00', category: '虚列支出' });
    await f.finding(w.audit, unit, S.AUDIT, {
      amount_involved: '50.00',
      sensitivity: Sensitivity.SECRET,
      category: '虚列支出',
    });
    await f.finding(w.discipline, unit, S.DISCIPLINE, { amount_involved: '999.00', category: '公款吃喝' });
    await f.finding(w.audit, unit, S.AUDIT, { amount_involved: '7.00', publication_state: 'DRAFT' });
    const q = `{ findingStats(filterBy: { units: ["${unit.gid}"] }) { total amount disciplineSuppressed bySource { source count amount } byCategory { source category count } byFiscalYear { fiscalYear count } } }`;
    const finance = (await hub.gql(q, {}, await hub.token(Role.FINANCE, w.finance.code))).data!.findingStats;
    // the lone discipline finding is left out entirely; the SECRET audit amount is not summed; the draft is not counted
    expect(finance).toEqual({
      total: 2,
      amount: '100.00',
      disciplineSuppressed: true,
      bySource: [{ source: 'AUDIT', count: 2, amount: '100.00' }],
      byCategory: [{ source: 'AUDIT', category: '虚列支出', count: 2 }],
      byFiscalYear: [{ fiscalYear: 2024, count: 2 }],
    });
    const discipline = (await hub.gql(q, {}, await hub.token(Role.DISCIPLINE, w.discipline.code))).data!
      .findingStats;
    expect(discipline).toMatchObject({ total: 3, amount: '1149.00', disciplineSuppressed: false });
    const unitView = (await hub.gql(q, {}, await hub.token(Role.UNIT, unit.code))).data!.findingStats;
    // the unit sees both audit findings about itself exist, but only the amount it may read
    expect(unitView).toMatchObject({ total: 2, amount: '100.00' });
  });
});
