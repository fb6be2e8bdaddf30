import { Migration20261202110500_escalation_not_cosigner } from '../migrations/Migration20261202110500_escalation_not_cosigner.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestHub, type TestHub } from './support/harness.js';
import { Factory, type Org } from './support/factories.js';
import { FindingSource as S, OrganizationKind, Role } from '../src/shared/enums.js';

let hub: TestHub;
let f: Factory;
let w: Awaited<ReturnType<Factory['world']>>;
beforeAll(async () => {
  hub = await startTestHub();
  f = new Factory(hub.knex);
  w = await f.world();
});
afterAll(async () => hub?.stop());

const TASK = `id version state submissionNo conclusion deadline overdue daysOverdue moneyRecovered progress extensionRequested
  unit { code } lead { code } supervisors { code } approvedBy { code } awaitingVerification { code }
  viewerCanVerify viewerCanSubmit viewerCanReport
  timeline { type summary actor { code } actorUser version }`;
const m = (name: string, input: string) =>
  `mutation($input: ${input}!) { ${name}(input: $input) { rectification { ${TASK} } userErrors { code field message } } }`;
const CREATE = m('rectificationCreate', 'RectificationCreateInput');
const START = m('rectificationStart', 'RectificationChangeInput');
const REPORT = m('rectificationReport', 'RectificationReportInput');
const SUBMIT = m('rectificationSubmit', 'RectificationChangeInput');
const VERIFY = m('rectificationVerify', 'RectificationVerifyInput');
const EXT = m('rectificationExtensionRequest', 'RectificationExtensionInput');
const EXT_DECIDE = m('rectificationExtensionDecide', 'RectificationExtensionDecisionInput');
const REOPEN = m('rectificationReopen', 'RectificationChangeInput');
const REMIND = m('rectificationRemind', 'RectificationChangeInput');
const ESCALATE = m('rectificationEscalate', 'RectificationEscalateInput');

const tok = (role: Role, org: Org) => hub.token(role, org.code);
async function call(q: string, input: Record<string, unknown>, token: string) {
  const res = await hub.gql(q, { input }, token);
  expect(res.errors, JSON.stringify(res.errors)).toBeUndefined();
  return Object.values(res.data!)[0] as { rectification: any; userErrors: { code: string; field: string }[] };
}
async function ok(q: string, input: Record<string, unknown>, token: string) {
  const p = await call(q, input, token);
  expect(p.userErrors).toEqual([]);
  return p.rectification;
}
/** "2027-01-31" → "2027年1月31日", as timeline sentences write dates. */
const zh = (iso: string) => `${iso.slice(0, 4)}年${Number(iso.slice(5, 7))}月${Number(iso.slice(8, 10))}日`;
const later = (days: number) => new Date(Date.now() + days * 86400_000).toISOString().slice(0, 10);

/** A task about unitA from an audit and a finance finding: audit leads, finance co-supervises. */
async function jointTask(unit = w.unitA) {
  const a = await f.finding(w.audit, unit, S.AUDIT);
  const b = await f.finding(w.finance, unit, S.PERFORMANCE);
  return ok(
    CREATE,
    {
      findings: [a.gid, b.gid],
      measures: '追回违规资金，完善财务审批制度',
      deadline: later(60),
      kind: 'DEADLINE',
    },
    await tok(Role.AUDIT, w.audit),
  );
}

describe('joint rectification (整改共督)', () => {
  it('runs the full path with two supervising agencies, closing only when both approve', async () => {
    const unitT = await tok(Role.UNIT, w.unitA);
    const auditT = await tok(Role.AUDIT, w.audit);
    const financeT = await tok(Role.FINANCE, w.finance);
    let t = await jointTask();
    expect(t).toMatchObject({
      state: 'ASSIGNED',
      lead: { code: w.audit.code },
      overdue: false,
      moneyRecovered: '0.00',
    });
    expect(t.supervisors.map((s: { code: string }) => s.code).sort()).toEqual(
      [w.audit.code, w.finance.code].sort(),
    );
    t = await ok(START, { id: t.id, version: t.version }, unitT);
    t = await ok(
      REPORT,
      {
        id: t.id,
        version: t.version,
        text: '已追回资金并退回原渠道',
        percent: 80,
        moneyRecovered: '123456.78',
        rulesEstablished: '《财务报销审批管理办法》',
      },
      unitT,
    );
    t = await ok(
      REPORT,
      { id: t.id, version: t.version, text: '补充追回', percent: 100, moneyRecovered: '0.22' },
      unitT,
    );
    expect(t).toMatchObject({ moneyRecovered: '123457.00', progress: 100 });
    t = await ok(SUBMIT, { id: t.id, version: t.version, reason: '整改完成，申请销号' }, unitT);
    expect(t).toMatchObject({ state: 'SUBMITTED', submissionNo: 1 });
    t = await ok(VERIFY, { id: t.id, version: t.version, approve: true, conclusion: 'RECTIFIED' }, auditT);
    expect(t).toMatchObject({
      state: 'SUBMITTED',
      approvedBy: [{ code: w.audit.code }],
      awaitingVerification: [{ code: w.finance.code }],
    });
    t = await ok(VERIFY, { id: t.id, version: t.version, approve: true, conclusion: 'RECTIFIED' }, financeT);
    expect(t).toMatchObject({ state: 'CLOSED', conclusion: 'RECTIFIED', awaitingVerification: [] });
    expect(t.timeline.map((e: { type: string }) => e.type)).toEqual([
      'CREATED',
      'STARTED',
      'REPORTED',
      'REPORTED',
      'SUBMITTED',
      'APPROVED',
      'APPROVED',
    ]);
    expect(t.timeline.map((e: { version: number }) => e.version)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(t.timeline[6].summary).toBe('核验通过（已整改），全部共督部门已通过，任务销号');
    console.info(
      'timeline:\n' +
        t.timeline
          .map(
            (e: { actor: { code: string }; actorUser: string; summary: string }) =>
              `  ${e.actor.code}（${e.actorUser}）${e.summary}`,
          )
          .join('\n'),
    );
    // the findings it rectified are now rectified
    const statuses = await hub
      .knex('finding')
      .join('rectification_finding as rf', 'rf.finding_id', 'finding.id')
      .where('rf.rectification_id', Buffer.from(t.id, 'base64url').toString().split(':')[1])
      .pluck('rectification_status');
    expect(statuses).toEqual(['RECTIFIED', 'RECTIFIED']);
  });

  it('refuses illegal transitions, a unit verifying, and a stale version, with codes, changing nothing', async () => {
    const unitT = await tok(Role.UNIT, w.unitA);
    const auditT = await tok(Role.AUDIT, w.audit);
    const t = await jointTask();
    expect((await call(SUBMIT, { id: t.id, version: t.version }, unitT)).userErrors[0]!.code).toBe(
      'ILLEGAL_TRANSITION',
    );
    expect(
      (await call(VERIFY, { id: t.id, version: t.version, approve: true, conclusion: 'RECTIFIED' }, auditT))
        .userErrors[0]!.code,
    ).toBe('ILLEGAL_TRANSITION');
    const started = await ok(START, { id: t.id, version: t.version }, unitT);
    const submitted = await ok(SUBMIT, { id: t.id, version: started.version }, unitT);
    expect(
      (
        await call(
          VERIFY,
          { id: t.id, version: submitted.version, approve: true, conclusion: 'RECTIFIED' },
          unitT,
        )
      ).userErrors[0]!.code,
    ).toBe('NOT_SUPERVISOR');
    expect(
      (await call(REPORT, { id: t.id, version: 1, text: '过期版本', percent: 10 }, unitT)).userErrors[0],
    ).toMatchObject({ code: 'CONFLICT', field: 'version' });
    // an agency that does not supervise it cannot even see it
    expect(
      (
        await call(
          VERIFY,
          { id: t.id, version: submitted.version, approve: true, conclusion: 'RECTIFIED' },
          await tok(Role.REFORM, w.reform),
        )
      ).userErrors[0]!.code,
    ).toBe('NOT_FOUND');
    expect(
      (
        await hub.gql(
          `query($id: ID!) { rectification(id: $id) { id } }`,
          { id: t.id },
          await tok(Role.REFORM, w.reform),
        )
      ).data!.rectification,
    ).toBeNull();
    const now = (
      await hub.gql(
        `query($id: ID!) { rectification(id: $id) { version state timeline { type } } }`,
        { id: t.id },
        auditT,
      )
    ).data!.rectification;
    expect(now).toMatchObject({ version: submitted.version, state: 'SUBMITTED' });
    expect(now.timeline).toHaveLength(3);
  });

  it('resets approvals on resubmission after a return', async () => {
    const unitT = await tok(Role.UNIT, w.unitA);
    const auditT = await tok(Role.AUDIT, w.audit);
    const financeT = await tok(Role.FINANCE, w.finance);
    let t = await jointTask();
    t = await ok(START, { id: t.id, version: t.version }, unitT);
    t = await ok(SUBMIT, { id: t.id, version: t.version }, unitT);
    t = await ok(VERIFY, { id: t.id, version: t.version, approve: true, conclusion: 'RECTIFIED' }, auditT);
    expect(
      (
        await call(
          VERIFY,
          { id: t.id, version: t.version, approve: false, conclusion: 'NOT_RECTIFIED' },
          financeT,
        )
      ).userErrors[0]!.code,
    ).toBe('REQUIRED');
    t = await ok(
      VERIFY,
      { id: t.id, version: t.version, approve: false, conclusion: 'NOT_RECTIFIED', reason: '佐证材料不足' },
      financeT,
    );
    expect(t).toMatchObject({ state: 'RETURNED', conclusion: 'NOT_RECTIFIED' });
    t = await ok(SUBMIT, { id: t.id, version: t.version, reason: '已补充材料' }, unitT);
    expect(t).toMatchObject({ state: 'SUBMITTED', submissionNo: 2, approvedBy: [] });
    expect(t.awaitingVerification).toHaveLength(2);
    t = await ok(VERIFY, { id: t.id, version: t.version, approve: true, conclusion: 'RECTIFIED' }, financeT);
    expect(t.state).toBe('SUBMITTED');
    t = await ok(VERIFY, { id: t.id, version: t.version, approve: true, conclusion: 'RECTIFIED' }, auditT);
    expect(t.state).toBe('CLOSED');
    // 回头看: any supervisor reopens, with a reason
    t = await ok(REOPEN, { id: t.id, version: t.version, reason: '回头看发现问题反弹' }, financeT);
    expect(t).toMatchObject({ state: 'IN_PROGRESS', conclusion: null });
    expect(t.timeline.at(-1)).toMatchObject({
      type: 'REOPENED',
      summary: '回头看，重新打开：回头看发现问题反弹',
    });
  });

  it('部分整改: a verifier concludes partly rectified, the unit carries on, its findings show PARTLY until done', async () => {
    const unitT = await tok(Role.UNIT, w.unitA);
    const auditT = await tok(Role.AUDIT, w.audit);
    const financeT = await tok(Role.FINANCE, w.finance);
    let t = await jointTask();
    const taskDbId = Buffer.from(t.id, 'base64url').toString().split(':')[1];
    const statuses = () =>
      hub
        .knex('finding')
        .join('rectification_finding as rf', 'rf.finding_id', 'finding.id')
        .where('rf.rectification_id', taskDbId)
        .pluck('rectification_status');
    t = await ok(START, { id: t.id, version: t.version }, unitT);
    t = await ok(SUBMIT, { id: t.id, version: t.version }, unitT);
    expect(await statuses()).toEqual(['COMPLETED', 'COMPLETED']);
    // what remains is the reason, and it is required
    const bare = await call(
      VERIFY,
      { id: t.id, version: t.version, approve: false, conclusion: 'PARTLY' },
      financeT,
    );
    expect(bare.userErrors[0]).toMatchObject({ code: 'REQUIRED', field: 'reason' });
    t = await ok(
      VERIFY,
      {
        id: t.id,
        version: t.version,
        approve: false,
        conclusion: 'PARTLY',
        reason: '尚有12万元未归还原渠道',
        moneyVerified: { recovered: '80000.00', returnedToChannel: '0' },
      },
      financeT,
    );
    expect(t).toMatchObject({ state: 'IN_PROGRESS', conclusion: 'PARTLY', viewerCanSubmit: false });
    expect(t.timeline.at(-1)).toMatchObject({
      type: 'PARTLY_RECTIFIED',
      summary: '核验结论为部分整改，继续整改：尚有12万元未归还原渠道，核定整改金额：追回8.00万元',
    });
    // the findings are partly rectified, through the API as in the table (trigger of issue 14)
    expect(await statuses()).toEqual(['PARTLY', 'PARTLY']);
    const fid = (await hub.knex('rectification_finding').where('rectification_id', taskDbId).first())
      .finding_id as number;
    const seen = await hub.gql(
      `query($id: ID!) { node(id: $id) { ... on Finding { rectificationStatus } } }`,
      { id: Buffer.from(`Finding:${fid}`).toString('base64url') },
      auditT,
    );
    expect(seen.errors).toBeUndefined();
    expect(seen.data!.node).toEqual({ rectificationStatus: 'PARTLY' });
    // a report keeps them PARTLY; the next submission makes them COMPLETED, both approvals RECTIFIED
    t = await ok(
      REPORT,
      {
        id: t.id,
        version: t.version,
        text: '已归还原渠道',
        percent: 100,
        money: { returnedToChannel: '120000.00' },
      },
      unitT,
    );
    expect(t.state).toBe('IN_PROGRESS');
    expect(await statuses()).toEqual(['PARTLY', 'PARTLY']);
    t = await ok(SUBMIT, { id: t.id, version: t.version }, unitT);
    expect(t).toMatchObject({ state: 'SUBMITTED', submissionNo: 2 });
    expect(await statuses()).toEqual(['COMPLETED', 'COMPLETED']);
    t = await ok(VERIFY, { id: t.id, version: t.version, approve: true, conclusion: 'RECTIFIED' }, auditT);
    t = await ok(VERIFY, { id: t.id, version: t.version, approve: true, conclusion: 'RECTIFIED' }, financeT);
    expect(t.state).toBe('CLOSED');
    expect(await statuses()).toEqual(['RECTIFIED', 'RECTIFIED']);
  });

  it('records 整改金额 by kind: exact sums, the total kept as moneyRecovered, bad amounts refused', async () => {
    const unitT = await tok(Role.UNIT, w.unitA);
    let t = await jointTask();
    t = await ok(START, { id: t.id, version: t.version }, unitT);
    const report = (extra: Record<string, unknown>) =>
      call(REPORT, { id: t.id, version: t.version, text: '整改进展', percent: 50, ...extra }, unitT);
    // a total that is not the sum, and a negative part, change nothing
    const wrong = await report({ moneyRecovered: '10.00', money: { recovered: '9.99' } });
    expect(wrong.userErrors[0]).toMatchObject({ code: 'BAD_AMOUNT', field: 'moneyRecovered' });
    const negative = await report({ money: { recovered: '5.00', accountsAdjusted: '-1.00' } });
    expect(negative.userErrors[0]).toMatchObject({ code: 'BAD_AMOUNT', field: 'money.accountsAdjusted' });
    t = await ok(
      REPORT,
      {
        id: t.id,
        version: t.version,
        text: '已追回并上缴',
        percent: 60,
        money: {
          recovered: '1234567.89',
          returnedToChannel: '0.01',
          paidToTreasury: '100000.00',
          accountsAdjusted: '0.10',
          revitalised: '3000000.00',
        },
      },
      unitT,
    );
    t = await ok(
      REPORT,
      { id: t.id, version: t.version, text: '补报', percent: 70, moneyRecovered: '0.05' },
      unitT,
    );
    const q = await hub.gql(
      `query($id: ID!) { node(id: $id) { ... on Rectification { moneyRecovered
          moneyBreakdown { recovered returnedToChannel paidToTreasury accountsAdjusted revitalised unclassified total }
          timeline { type summary } } } }`,
      { id: t.id },
      unitT,
    );
    expect(q.errors).toBeUndefined();
    const node = q.data!.node as any;
    expect(node.moneyBreakdown).toEqual({
      recovered: '1234567.89',
      returnedToChannel: '0.01',
      paidToTreasury: '100000.00',
      accountsAdjusted: '0.10',
      revitalised: '3000000.00',
      unclassified: '0.05',
      total: '4334568.05',
    });
    expect(node.moneyRecovered).toBe('4334568.05');
    const reported = (node.timeline as { type: string; summary: string }[]).filter(
      (e) => e.type === 'REPORTED',
    );
    expect(reported[0]!.summary).toBe(
      '报送整改进展：已追回并上缴（进度60%，整改金额433.46万元（追回123.46万元、归还原渠道0.01元、上缴财政10.00万元、调账0.10元、盘活300.00万元））',
    );
    // dates in timeline sentences are written as people write them
    const created = (node.timeline as { type: string; summary: string }[])[0]!.summary;
    expect(created).toMatch(/^创建整改任务（分阶段整改（限期整改）），整改时限\d{4}年\d{1,2}月\d{1,2}日$/);
  });

  it('handles an extension: the unit asks, only the lead decides, old and new deadline kept', async () => {
    const unitT = await tok(Role.UNIT, w.unitA);
    let t = await jointTask();
    const old = t.deadline;
    t = await ok(
      EXT,
      { id: t.id, version: t.version, newDeadline: later(120), reason: '涉及诉讼，需等待判决' },
      unitT,
    );
    expect(t.extensionRequested).toBe(later(120));
    expect(
      (
        await call(
          EXT_DECIDE,
          { id: t.id, version: t.version, grant: true },
          await tok(Role.FINANCE, w.finance),
        )
      ).userErrors[0]!.code,
    ).toBe('NOT_LEAD');
    t = await ok(
      EXT_DECIDE,
      { id: t.id, version: t.version, grant: true, reason: '理由充分' },
      await tok(Role.AUDIT, w.audit),
    );
    expect(t).toMatchObject({ deadline: later(120), extensionRequested: null });
    expect(t.timeline.at(-1)).toMatchObject({
      type: 'EXTENSION_GRANTED',
      summary: `同意延期：整改时限由${zh(old)}调整为${zh(later(120))}`,
    });
  });

  it('derives overdue, lists tasks for escalation, and records reminders and the escalation', async () => {
    const auditT = await tok(Role.AUDIT, w.audit);
    const unit = await f.org(OrganizationKind.BUDGET_UNIT);
    let t = await jointTask(unit);
    // time passes: the deadline is now 45 days ago
    const dbId = Number(Buffer.from(t.id, 'base64url').toString().split(':')[1]);
    await hub
      .knex('rectification')
      .where({ id: dbId })
      .update({ deadline: new Date(Date.now() - 45 * 86400_000).toISOString().slice(0, 10) });
    const list = await hub.gql(
      `{ rectifications(first: 50, filterBy: { overdueMoreThanDays: 30 }) { nodes { id overdue daysOverdue } } }`,
      {},
      auditT,
    );
    expect(list.data!.rectifications.nodes).toContainEqual({ id: t.id, overdue: true, daysOverdue: 45 });
    t = await ok(
      REMIND,
      { id: t.id, version: t.version, reason: '请于本周内报送整改进展' },
      await tok(Role.FINANCE, w.finance),
    );
    // not to the discipline commission: suspected violations are referred, overdue tasks go up the line
    const refused = await call(
      ESCALATE,
      { id: t.id, version: t.version, to: w.discipline.gid, reason: '逾期未整改' },
      auditT,
    );
    expect(refused.userErrors.map((e) => e.code)).toEqual(['BAD_ESCALATION_TARGET']);
    const supervisorsBefore = t.supervisors.map((s: { code: string }) => s.code).sort();
    t = await ok(
      ESCALATE,
      { id: t.id, version: t.version, to: w.leadership.gid, reason: '逾期未整改，提请区政府督办' },
      auditT,
    );
    expect(t.timeline.slice(-2).map((e: { summary: string }) => e.summary)).toEqual([
      '催办：请于本周内报送整改进展',
      `逾期45天，提级督办（报${w.leadership.name}）：逾期未整改，提请区政府督办`,
    ]);
    // the government does not become a co-signer needed to close the task
    expect(t.supervisors.map((s: { code: string }) => s.code).sort()).toEqual(supervisorsBefore);
  });

  it('migrates escalations recorded before: the target added as a co-signer is removed, others stay', async () => {
    const unit = await f.org(OrganizationKind.BUDGET_UNIT);
    const t = await jointTask(unit);
    const id = Number(Buffer.from(t.id, 'base64url').toString().split(':')[1]);
    // as the old escalation left it: the discipline commission added to the supervisors, an ESCALATED event
    await hub.knex('rectification_supervisor').insert({ rectification_id: id, agency_id: w.discipline.id });
    await hub.knex('rectification_event').insert({
      rectification_id: id,
      type: 'ESCALATED',
      actor_id: w.audit.id,
      actor_user: 'old',
      version: t.version,
      payload: JSON.stringify({ to: w.discipline.id, reason: '旧数据', daysOverdue: 40 }),
    });
    const supervisors = async () =>
      (await hub.knex('rectification_supervisor').where({ rectification_id: id }).pluck('agency_id')).sort();
    const before = await supervisors();
    expect(before).toContain(w.discipline.id);
    const migration = new Migration20261202110500_escalation_not_cosigner(
      hub.orm.em.getDriver(),
      hub.orm.config,
    );
    await migration.up();
    for (const q of migration.getQueries()) await hub.knex.raw(typeof q === 'string' ? q : q.toString());
    expect(await supervisors()).toEqual(before.filter((x) => x !== w.discipline.id));
  });
});

describe('concurrency', () => {
  it('keeps all of 20 concurrent progress reports, with the exact money total', async () => {
    const unitT = await tok(Role.UNIT, w.unitA);
    let t = await jointTask();
    t = await ok(START, { id: t.id, version: t.version }, unitT);
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        call(
          REPORT,
          {
            id: t.id,
            version: t.version,
            text: `第${i + 1}次报送`,
            percent: 5 * (i + 1),
            moneyRecovered: '0.10',
          },
          unitT,
        ),
      ),
    );
    expect(results.flatMap((r) => r.userErrors)).toEqual([]);
    const now = (
      await hub.gql(
        `query($id: ID!) { rectification(id: $id) { version moneyRecovered timeline { type } } }`,
        { id: t.id },
        unitT,
      )
    ).data!.rectification;
    expect(now.moneyRecovered).toBe('2.00');
    expect(now.timeline.filter((e: { type: string }) => e.type === 'REPORTED')).toHaveLength(20);
    expect(now.version).toBe(t.version + 20);
  });

  it('counts 20 supervisors approving at the same instant, and closes exactly once', async () => {
    const agencies: Org[] = [];
    for (let i = 0; i < 20; i++)
      agencies.push(await f.org(OrganizationKind.OVERSIGHT_AGENCY, { name: `测试审计局${i}` }));
    const unit = await f.org(OrganizationKind.BUDGET_UNIT);
    const fnd = await f.finding(agencies[0]!, unit, S.AUDIT);
    const leadT = await tok(Role.AUDIT, agencies[0]!);
    const unitT = await tok(Role.UNIT, unit);
    let t = await ok(
      CREATE,
      {
        findings: [fnd.gid],
        measures: '联合整改',
        deadline: later(30),
        kind: 'DEADLINE',
        coSupervisors: agencies.map((a) => a.gid),
      },
      leadT,
    );
    t = await ok(START, { id: t.id, version: t.version }, unitT);
    t = await ok(SUBMIT, { id: t.id, version: t.version }, unitT);
    const tokens = await Promise.all(agencies.map((a) => tok(Role.AUDIT, a)));
    const results = await Promise.all(
      tokens.map((k) =>
        call(VERIFY, { id: t.id, version: t.version, approve: true, conclusion: 'RECTIFIED' }, k),
      ),
    );
    expect(results.flatMap((r) => r.userErrors)).toEqual([]);
    const now = (
      await hub.gql(
        `query($id: ID!) { rectification(id: $id) { state timeline { type detail } } }`,
        { id: t.id },
        leadT,
      )
    ).data!.rectification;
    expect(now.state).toBe('CLOSED');
    const approvals = now.timeline.filter((e: { type: string }) => e.type === 'APPROVED');
    expect(approvals).toHaveLength(20);
    expect(approvals.filter((e: { detail: string }) => JSON.parse(e.detail).closes)).toHaveLength(1);
  });
});

describe('evidence files (佐证材料)', () => {
  const pdf = Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');
  const base = () => hub.server.url.replace(/\/graphql$/, '');
  const upload = async (taskGid: string, token: string | null, bytes: Buffer, name: string) => {
    const form = new FormData();
    form.append('file', new Blob([bytes]), name);
    return fetch(`${base()}/rectifications/${taskGid}/evidence`, {
      method: 'POST',
      body: form,
      headers: token ? { authorization: `Bearer ${token}` } : {},
    });
  };

  it('uploads over HTTP with a SHA-256, attaches to a report, and downloads only for those who may read the task', async () => {
    const unitT = await tok(Role.UNIT, w.unitA);
    let t = await jointTask();
    t = await ok(START, { id: t.id, version: t.version }, unitT);
    const up = await upload(t.id, unitT, pdf, '整改佐证-退款凭证.pdf');
    expect(up.status).toBe(201);
    const ev = (await up.json()) as { id: string; sha256: string; contentType: string; fileName: string };
    expect(ev).toMatchObject({ contentType: 'application/pdf', fileName: '整改佐证-退款凭证.pdf' });
    const { createHash } = await import('node:crypto');
    expect(ev.sha256).toBe(createHash('sha256').update(pdf).digest('hex'));

    t = await ok(
      REPORT,
      { id: t.id, version: t.version, text: '已上传退款凭证', percent: 60, evidence: [ev.id] },
      unitT,
    );
    const q = await hub.gql(
      `query($id: ID!) { rectification(id: $id) { evidence { id fileName sha256 downloadPath } } }`,
      { id: t.id },
      unitT,
    );
    expect(q.data!.rectification.evidence).toEqual([
      { id: ev.id, fileName: '整改佐证-退款凭证.pdf', sha256: ev.sha256, downloadPath: `/evidence/${ev.id}` },
    ]);

    const get = (token: string | null) =>
      fetch(`${base()}/evidence/${ev.id}`, { headers: token ? { authorization: `Bearer ${token}` } : {} });
    const asSupervisor = await get(await tok(Role.FINANCE, w.finance));
    expect(asSupervisor.status).toBe(200);
    expect(Buffer.from(await asSupervisor.arrayBuffer()).equals(pdf)).toBe(true);
    expect(asSupervisor.headers.get('content-disposition')).toContain(
      encodeURIComponent('整改佐证-退款凭证.pdf'),
    );
    // denied: an agency that does not supervise it, another unit, and the public all get 404
    expect((await get(await tok(Role.REFORM, w.reform))).status).toBe(404);
    expect((await get(await tok(Role.UNIT, w.unitB))).status).toBe(404);
    expect((await get(null)).status).toBe(404);
    expect((await get('not-a-token')).status).toBe(401);
  });

  it('refuses uploads by others, disguised programs and oversize files', async () => {
    const unitT = await tok(Role.UNIT, w.unitA);
    let t = await jointTask();
    t = await ok(START, { id: t.id, version: t.version }, unitT);
    expect((await upload(t.id, await tok(Role.AUDIT, w.audit), pdf, 'a.pdf')).status).toBe(403);
    const exe = await upload(
      t.id,
      unitT,
      Buffer.concat([Buffer.from('MZ'), Buffer.alloc(200)]),
      '看起来是PDF.pdf',
    );
    expect(exe.status).toBe(415);
    expect(((await exe.json()) as { error: { code: string } }).error.code).toBe('UNSUPPORTED_TYPE');
    expect((await upload('bogus', unitT, pdf, 'a.pdf')).status).toBe(404);
    const stored = await hub
      .knex('evidence')
      .where('rectification_id', Number(Buffer.from(t.id, 'base64url').toString().split(':')[1]))
      .count({ n: '*' })
      .first();
    expect(Number(stored!.n)).toBe(0);
  });
});

describe('整改台账 ledger export', () => {
  it('has the same rows as the API for the same filter and viewer', async () => {
    const ExcelJS = (await import('exceljs')).default;
    const unit = await f.org(OrganizationKind.BUDGET_UNIT, { name: `台账测试单位${Date.now()}` });
    const unitT = await tok(Role.UNIT, unit);
    const t1 = await jointTask(unit);
    const t2 = await jointTask(unit);
    let s = await ok(START, { id: t2.id, version: t2.version }, unitT);
    s = await ok(
      REPORT,
      { id: t2.id, version: s.version, text: '已整改一半', percent: 50, moneyRecovered: '1234.56' },
      unitT,
    );
    const auditT = await tok(Role.AUDIT, w.audit);
    const api = await hub.gql(
      `query($u: ID!) { rectifications(first: 100, filterBy: { units: [$u] }) { totalCount nodes { id state moneyRecovered unit { name } } } }`,
      { u: unit.gid },
      auditT,
    );
    const res = await fetch(
      `${hub.server.url.replace(/\/graphql$/, '')}/rectifications/ledger.xlsx?units=${unit.gid}`,
      { headers: { authorization: `Bearer ${auditT}` } },
    );
    expect(res.status).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(await res.arrayBuffer()) as never);
    const ws = wb.worksheets[0]!;
    const header = (ws.getRow(3).values as unknown[]).slice(1);
    expect(header).toContain('整改状态');
    const col = (name: string) => header.indexOf(name) + 1;
    const data: { state: string; money: unknown; unit: unknown }[] = [];
    ws.eachRow((row, n) => {
      if (n > 3 && row.getCell(1).value !== '合计' && typeof row.getCell(1).value === 'number') {
        data.push({
          state: String(row.getCell(col('整改状态')).value),
          money: row.getCell(col('整改金额(元)')).value,
          unit: row.getCell(col('责任单位')).value,
        });
      }
    });
    expect(data).toHaveLength(api.data!.rectifications.totalCount);
    expect(data).toHaveLength(2);
    expect(data.map((d) => d.unit)).toEqual([unit.name, unit.name]);
    expect(data.map((d) => d.state).sort()).toEqual(['待整改', '整改中']);
    expect(data.map((d) => Number(d.money)).sort((a, b) => a - b)).toEqual([0, 1234.56]);
    void t1;
    // another unit's token gets none of these rows
    const other = await fetch(
      `${hub.server.url.replace(/\/graphql$/, '')}/rectifications/ledger.xlsx?units=${unit.gid}`,
      { headers: { authorization: `Bearer ${await tok(Role.UNIT, w.unitB)}` } },
    );
    const wb2 = new ExcelJS.Workbook();
    await wb2.xlsx.load(Buffer.from(await other.arrayBuffer()) as never);
    let rows2 = 0;
    wb2.worksheets[0]!.eachRow((row, n) => {
      if (n > 3 && typeof row.getCell(1).value === 'number') rows2++;
    });
    expect(rows2).toBe(0);
  });
});

describe('整改台账: every column from the API', () => {
  const base = () => hub.server.url.replace(/\/graphql$/, '');
  async function ledgerRowsOf(token: string, query: string) {
    const ExcelJS = (await import('exceljs')).default;
    const res = await fetch(`${base()}/rectifications/ledger.xlsx?${query}`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(res.status).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(await res.arrayBuffer()) as never);
    const ws = wb.worksheets[0]!;
    const header = (ws.getRow(3).values as unknown[]).slice(1).map(String);
    const rows: Record<string, unknown>[] = [];
    ws.eachRow((row, n) => {
      if (n > 3 && typeof row.getCell(1).value === 'number') {
        const values = (row.values as unknown[]).slice(1);
        rows.push(Object.fromEntries(header.map((h, i) => [h, values[i] ?? null])));
      }
    });
    return { header, rows };
  }
  const day = (v: unknown) =>
    v instanceof Date ? v.toISOString().slice(0, 10) : v == null ? null : String(v).slice(0, 10);

  it('writes each task as the API shows it, column by column, for the viewer who asks', async () => {
    const unit = await f.org(OrganizationKind.BUDGET_UNIT, { name: `全列台账单位${Date.now()}` });
    const unitT = await tok(Role.UNIT, unit);
    const auditT = await tok(Role.AUDIT, w.audit);
    const t = await jointTask(unit);
    let s = await ok(START, { id: t.id, version: t.version }, unitT);
    s = await ok(
      REPORT,
      {
        id: t.id,
        version: s.version,
        text: '已追回资金',
        percent: 100,
        moneyRecovered: '2000.10',
        money: { recovered: '2000.00', paidToTreasury: '0.10' },
        rulesEstablished: '《专项资金管理办法》',
      },
      unitT,
    );
    s = await ok(SUBMIT, { id: t.id, version: s.version }, unitT);
    s = await ok(VERIFY, { id: t.id, version: s.version, approve: true, conclusion: 'RECTIFIED' }, auditT);
    await jointTask(unit); // a second, untouched task

    const api = await hub.gql(
      `query($u: ID!) { rectifications(first: 100, filterBy: { units: [$u] }) { nodes {
          id kind measures deadline state overdue moneyRecovered closedAt progress conclusion
          moneyBreakdown { recovered paidToTreasury total }
          unit { name shortName } lead { id name shortName }
          supervisors { id name shortName } approvedBy { id }
          findings { __typename sourceRef description category viewerCanReadContent amountInvolved responsiblePerson }
          timeline { type detail at }
        } } }`,
      { u: unit.gid },
      auditT,
    );
    expect(api.errors).toBeUndefined();
    const SOURCE: Record<string, string> = {
      AuditFinding: '审计',
      PerformanceFinding: '财政绩效评价',
      ReformFinding: '发改稽察',
      DisciplineFinding: '纪检监察',
    };
    const KIND: Record<string, string> = {
      IMMEDIATE: '立行立改',
      DEADLINE: '分阶段整改（限期整改）',
      LONG_TERM: '持续整改',
    };
    // 涉及金额 in 万元, two decimals half up, from the exact yuan the API gives
    const wan = (xs: (string | null)[]) => {
      const fen = xs.filter(Boolean).reduce((a, x) => a + BigInt(x!.replace('.', '')), 0n);
      return Number((fen + 5000n) / 10000n) / 100;
    };
    const beijingDay = (at: string) => new Date(Date.parse(at) + 8 * 3600_000).toISOString().slice(0, 10);
    const STATE: Record<string, string> = {
      ASSIGNED: '待整改',
      IN_PROGRESS: '整改中',
      SUBMITTED: '已提交待核验',
      RETURNED: '退回',
      CLOSED: '已销号',
    };
    const nm = (o: { name: string; shortName: string | null }) => o.shortName ?? o.name;
    const expected = (api.data.rectifications.nodes as any[])
      .map((n) => {
        const approved = new Set((n.approvedBy as { id: string }[]).map((a) => a.id));
        return {
          问题来源: [...new Set((n.findings as any[]).map((x) => SOURCE[x.__typename]))].join('、'),
          问题编号: (n.findings as any[]).map((x) => x.sourceRef).join('、'),
          问题类别: [...new Set((n.findings as any[]).map((x) => x.category))].join('、'),
          问题描述: (n.findings as any[]).map((x) => x.description).join('；'),
          '涉及金额(万元)': wan((n.findings as any[]).map((x) => x.amountInvolved)),
          责任单位: nm(n.unit),
          整改责任人: [...new Set((n.findings as any[]).map((x) => x.responsiblePerson))].join('、'),
          牵头部门: nm(n.lead),
          共督部门: (n.supervisors as any[])
            .filter((x) => x.id !== n.lead.id)
            .map(nm)
            .join('、'),
          整改类型: KIND[n.kind],
          整改措施: n.measures,
          整改时限: n.deadline,
          整改状态: STATE[n.state],
          是否逾期: n.overdue ? '是' : '否',
          整改完成时间:
            (n.timeline as any[])
              .filter((e) => e.type === 'SUBMITTED')
              .map((e) => beijingDay(e.at))
              .pop() ?? null,
          '整改金额(元)': Number(n.moneyRecovered),
          整改金额构成:
            n.moneyBreakdown.total === '0.00'
              ? null
              : `追回${n.moneyBreakdown.recovered}元、上缴财政${n.moneyBreakdown.paidToTreasury}元`,
          建章立制: n.state === 'ASSIGNED' ? null : '《专项资金管理办法》',
          核验情况:
            n.state === 'ASSIGNED'
              ? null
              : (n.supervisors as any[])
                  .map((x) => `${nm(x)}：${approved.has(x.id) ? '已通过' : '待核验'}`)
                  .join('；'),
          整改结果:
            n.state === 'CLOSED'
              ? '已整改，经全部共督部门核验销号'
              : n.state === 'SUBMITTED'
                ? '整改完成，待核验'
                : null,
          问责情况: null,
          最新进展: n.state === 'ASSIGNED' ? null : `已追回资金（${n.progress}%）`,
          销号日期: n.closedAt ? String(n.closedAt).slice(0, 10) : null,
        };
      })
      .sort((a, b) => a.整改状态.localeCompare(b.整改状态));
    for (const n of api.data.rectifications.nodes as any[])
      for (const x of n.findings) expect(x.viewerCanReadContent).toBe(true);

    const { header, rows } = await ledgerRowsOf(auditT, `units=${encodeURIComponent(unit.gid)}`);
    const got = rows
      .map((r): Record<string, unknown> => ({
        ...Object.fromEntries(Object.keys(expected[0]!).map((k) => [k, r[k] ?? null])),
        整改时限: day(r['整改时限']),
        整改完成时间: day(r['整改完成时间']),
        销号日期: day(r['销号日期']),
        '整改金额(元)': Number(r['整改金额(元)']),
      }))
      .sort((a, b) => String(a.整改状态).localeCompare(String(b.整改状态)));
    // every column of the ledger but the row number is compared
    expect(header.slice(1).sort()).toEqual(Object.keys(expected[0]!).sort());
    expect(got).toEqual(expected);
    expect(rows.every((r) => r['问题描述'] && !String(r['问题描述']).includes('undefined'))).toBe(true);

    // the unit's code selects the same rows as its id
    const byCode = await ledgerRowsOf(auditT, `units=${encodeURIComponent(unit.code)}`);
    expect(byCode.rows).toEqual(rows);
  });

  it('answers bad query parameters with 400 and a message, before sending anything', async () => {
    const auditT = await tok(Role.AUDIT, w.audit);
    for (const [query, needle] of [
      ['units=HC-NO-SUCH-UNIT', 'HC-NO-SUCH-UNIT'],
      ['states=DONE', 'DONE'],
      ['overdue=yes', 'overdue'],
      ['overdueMoreThanDays=abc', 'overdueMoreThanDays'],
      ['overdueMoreThanDays=-3', 'overdueMoreThanDays'],
      ['unit=HC-U001', 'unit'],
      ['units=a&units=b', 'units'],
    ] as const) {
      const res = await fetch(`${base()}/rectifications/ledger.xlsx?${query}`, {
        headers: { authorization: `Bearer ${auditT}` },
      });
      expect(res.status, query).toBe(400);
      expect(res.headers.get('content-type')).toMatch(/application\/json/);
      const body = (await res.json()) as { error: { code: string; message: string } };
      expect(body.error.code).toBe('BAD_USER_INPUT');
      expect(body.error.message).toContain(needle);
    }
  });
});

describe('live tracking', () => {
  it('pushes a change of a task to its unit, and nothing of other units’ tasks', async () => {
    const { createClient } = await import('graphql-ws');
    const WebSocket = (await import('ws')).default;
    const unitT = await tok(Role.UNIT, w.unitA);
    const client = createClient({
      url: hub.server.url.replace('http', 'ws'),
      webSocketImpl: WebSocket,
      connectionParams: { authorization: `Bearer ${unitT}` },
      retryAttempts: 0,
    });
    const seen: { id: string; state: string; unit: { code: string } }[] = [];
    const dispose = client.subscribe(
      { query: 'subscription { rectificationChanged { id state unit { code } } }' },
      {
        next: (m) => void seen.push((m.data as any).rectificationChanged),
        error: () => {},
        complete: () => {},
      },
    );
    await new Promise((r) => setTimeout(r, 300));
    const other = await jointTask(w.unitB);
    const mine = await jointTask(w.unitA);
    await ok(START, { id: mine.id, version: mine.version }, unitT);
    for (let i = 0; i < 50 && seen.length < 2; i++) await new Promise((r) => setTimeout(r, 100));
    await new Promise((r) => setTimeout(r, 200));
    dispose();
    await client.dispose();
    expect(seen.map((s) => [s.id, s.state])).toEqual([
      [mine.id, 'ASSIGNED'],
      [mine.id, 'IN_PROGRESS'],
    ]);
    expect(seen.some((s) => s.id === other.id)).toBe(false);
  });
});
