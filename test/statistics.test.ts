/**
 * The statistics API (stats) and the yearly report (rectificationReport) against direct SQL over this
 * file's own world, for several roles: a same-problem group counts once, small discipline categories
 * are left out for everyone but the commission, statuses and amounts only where readable, task figures
 * only from tasks the role may see. Also: a finding's status follows its task in the same transaction
 * (trigger), and the report's figures are the API's.
 */
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Knex } from 'knex';
import { FindingSource, Role, Sensitivity } from '../src/shared/enums.js';
import { toGlobalId } from '../src/shared/global-id.js';
import { startTestHub, type TestHub } from './support/harness.js';
import { Factory, type Org } from './support/factories.js';

const P = `ST${randomBytes(3).toString('hex')}`;
const CAT = {
  misuse: `${P}挤占挪用`,
  idle: `${P}资金闲置`,
  late: `${P}进度滞后`,
  small: `${P}违规发放津贴补贴`,
  big: `${P}违反中央八项规定精神`,
};
const S = FindingSource;

let hub: TestHub;
let knex: Knex;
let w: Awaited<ReturnType<Factory['world']>>;
const f: Record<string, number> = {};
const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);

async function task(
  findings: number[],
  unit: Org,
  lead: Org,
  supervisors: Org[],
  over: Record<string, unknown>,
): Promise<number> {
  const [t] = await knex('rectification')
    .insert({
      unit_id: unit.id,
      lead_id: lead.id,
      kind: 'DEADLINE',
      measures: '制定整改方案',
      deadline: day(30),
      state: 'ASSIGNED',
      submission_no: 0,
      ...over,
    })
    .returning('id');
  await knex('rectification_finding').insert(
    findings.map((id) => ({ rectification_id: t.id, finding_id: id })),
  );
  await knex('rectification_supervisor').insert(
    supervisors.map((s) => ({ rectification_id: t.id, agency_id: s.id })),
  );
  return t.id as number;
}

let ev = 0;
async function event(taskId: number, type: string, actor: Org, payload: Record<string, unknown>) {
  ev += 1;
  await knex('rectification_event').insert({
    rectification_id: taskId,
    type,
    actor_id: actor.id,
    actor_user: 'test',
    version: ev,
    payload: JSON.stringify(payload),
  });
}

beforeAll(async () => {
  hub = await startTestHub();
  knex = hub.knex;
  const fx = new Factory(knex);
  w = await fx.world();
  const mk = async (
    key: string,
    agency: Org,
    unit: Org,
    source: FindingSource,
    over: Record<string, unknown>,
  ) => {
    f[key] = (await fx.finding(agency, unit, source, { fiscal_year: 2025, ...over })).id;
  };
  for (let i = 1; i <= 4; i++)
    await mk(`a${i}`, w.audit, w.unitA, S.AUDIT, { category: CAT.misuse, amount_involved: '1000.00' });
  for (let i = 1; i <= 3; i++)
    await mk(`p${i}`, w.finance, w.unitA, S.PERFORMANCE, {
      category: CAT.idle,
      amount_involved: '2000.50',
      sensitivity: i === 3 ? Sensitivity.RESTRICTED : Sensitivity.INTERNAL,
    });
  for (let i = 1; i <= 2; i++)
    await mk(`r${i}`, w.reform, w.unitB, S.REFORM, { category: CAT.late, amount_involved: '500.25' });
  for (let i = 1; i <= 2; i++)
    await mk(`ds${i}`, w.discipline, w.unitA, S.DISCIPLINE, { category: CAT.small, amount_involved: null });
  for (let i = 1; i <= 5; i++)
    await mk(`db${i}`, w.discipline, w.unitB, S.DISCIPLINE, {
      category: CAT.big,
      amount_involved: '100.00',
      persons_held_accountable: 2,
    });
  // same problem found by audit and finance: a1 (primary) + p1
  const [g] = await knex('finding_group')
    .insert({ unit_id: w.unitA.id, created_by_id: w.audit.id, created_by_user: 'test' })
    .returning('id');
  await knex('finding_group_member').insert([
    {
      finding_id: f.a1,
      group_id: g.id,
      is_primary: true,
      linked_by_id: w.audit.id,
      linked_by_user: 'test',
      reason: '同一问题',
    },
    {
      finding_id: f.p1,
      group_id: g.id,
      is_primary: false,
      linked_by_id: w.audit.id,
      linked_by_user: 'test',
      reason: '同一问题',
    },
  ]);
  // tasks: closed on time (group), submitted, returned and overdue, long-term, assigned and overdue
  const t1 = await task([f.a1!, f.p1!], w.unitA, w.audit, [w.audit, w.finance], { deadline: day(-5) });
  await event(t1, 'REPORTED', w.unitA, {
    percent: 100,
    moneyRecovered: '300.00',
    rulesEstablished: '《专项资金管理办法》',
  });
  await event(t1, 'REPORTED', w.unitA, {
    percent: 100,
    moneyRecovered: '50.10',
    rulesEstablished: '《政府采购内部控制规程》',
  });
  await knex('rectification')
    .where('id', t1)
    .update({ state: 'CLOSED', conclusion: 'RECTIFIED', closed_at: new Date(Date.now() - 10 * 86_400_000) });
  const t2 = await task([f.a2!], w.unitA, w.audit, [w.audit], { state: 'SUBMITTED', submission_no: 1 });
  const t3 = await task([f.a3!], w.unitA, w.audit, [w.audit], { deadline: day(-40) });
  await event(t3, 'RETURNED', w.audit, {
    submission: 1,
    reason: '佐证材料不充分',
    conclusion: 'NOT_RECTIFIED',
  });
  await knex('rectification').where('id', t3).update({ state: 'RETURNED', conclusion: 'NOT_RECTIFIED' });
  await task([f.r1!], w.unitB, w.reform, [w.reform], {
    state: 'IN_PROGRESS',
    kind: 'LONG_TERM',
    conclusion: 'CONTINUING',
    next_milestone: day(60),
    deadline: day(-100),
  });
  await task([f.p2!], w.unitA, w.finance, [w.finance], { deadline: day(-10) });
  void t2;
}, 120_000);

afterAll(async () => {
  await hub?.stop();
});

const units = () => [w.unitA.gid, w.unitB.gid];

const STATS = `query($filter: FindingFilter, $groupBy: StatsDimension, $perAgency: Boolean) {
  stats(filterBy: $filter, groupBy: $groupBy, perAgency: $perAgency) {
    groupBy asOf disciplineSuppressed
    total { findings amount units pending inProgress partly completed continuing rectified due rectifiedDue
            rectificationRate tasks closedTasks closedOnTime onTimeRate overdueTasks overdue1To30 overdue31To90
            overdueOver90 moneyRecovered rulesIssued peopleHeldAccountable }
    groups { key label figures { findings amount rectified } }
  }
}`;

async function statsAs(role: Role, org: Org | null, vars: Record<string, unknown> = {}) {
  const token = role === Role.PUBLIC ? null : await hub.token(role, org?.code ?? null);
  const res = await hub.gql(STATS, { filter: { units: units() }, ...vars }, token);
  expect(res.errors).toBeUndefined();
  return res.data.stats;
}

/**
 * The expected figures by direct SQL: `seen` = findings the role sees, `readable` = whose content it
 * reads, `tasksSeen` = tasks it may see, `suppress` = whether the small discipline category is left out.
 */
async function expected(o: { seen: string; readable: string; tasksSeen: string; suppress: boolean }) {
  const ids = [w.unitA.id, w.unitB.id];
  const small = o.suppress
    ? `and not (f.source = 'DISCIPLINE' and f.category in (
         select category from finding where unit_id = any(:ids) and source = 'DISCIPLINE' and (${o.seen.replaceAll('f.', '')})
         group by category having count(*) < 5))`
    : '';
  // a1/p1 are one problem: p1 counts only when a1 is not seen
  const once = `and not (f.id = :p1 and exists (select 1 from finding x where x.id = :a1 and (${o.seen.replaceAll('f.', 'x.')})))`;
  const where = `f.unit_id = any(:ids) and (${o.seen}) ${small} ${once}`;
  const q = async (sql: string) =>
    (await knex.raw(sql, { ids, a1: f.a1!, p1: f.p1! } as never)).rows[0] as Record<string, string | number>;
  const fig = await q(`select count(*)::int as findings,
      coalesce(sum(case when ${o.readable} then f.amount_involved else 0 end), 0)::numeric(20,2)::text as amount,
      count(*) filter (where ${o.readable} and f.rectification_status = 'RECTIFIED')::int as rectified,
      count(*) filter (where ${o.readable} and f.rectification_status = 'PENDING')::int as pending,
      coalesce(sum(case when ${o.readable} then f.persons_held_accountable else 0 end), 0)::int as accountable
    from finding f where ${where}`);
  const tasks = await q(`select count(distinct t.id)::int as tasks,
      count(distinct t.id) filter (where t.state <> 'CLOSED' and t.deadline < current_date
        and not (t.kind = 'LONG_TERM' and t.conclusion = 'CONTINUING' and t.next_milestone >= current_date))::int as overdue,
      (select coalesce(sum((e.payload->>'moneyRecovered')::numeric), 0)::numeric(20,2)::text from rectification_event e
        where e.type = 'REPORTED' and e.rectification_id in (select rf2.rectification_id from rectification_finding rf2
          join finding f on f.id = rf2.finding_id join rectification t on t.id = rf2.rectification_id
          where ${where} and ${o.readable} and ${o.tasksSeen})) as money
    from finding f join rectification_finding rf on rf.finding_id = f.id join rectification t on t.id = rf.rectification_id
    where ${where} and ${o.readable} and ${o.tasksSeen}`);
  return { ...fig, ...tasks };
}

const supervises = (org: Org) =>
  `exists (select 1 from rectification_supervisor s where s.rectification_id = t.id and s.agency_id = ${org.id})`;

describe('stats equal direct SQL for each role', () => {
  const cases: [string, Role, () => Org | null, () => Parameters<typeof expected>[0]][] = [
    [
      'FINANCE',
      Role.FINANCE,
      () => w.finance,
      () => ({
        seen: 'true',
        readable: `f.source <> 'DISCIPLINE'`,
        tasksSeen: supervises(w.finance),
        suppress: true,
      }),
    ],
    [
      'AUDIT',
      Role.AUDIT,
      () => w.audit,
      () => ({
        seen: 'true',
        readable: `f.source <> 'DISCIPLINE'`,
        tasksSeen: supervises(w.audit),
        suppress: true,
      }),
    ],
    [
      'DISCIPLINE',
      Role.DISCIPLINE,
      () => w.discipline,
      () => ({ seen: 'true', readable: 'true', tasksSeen: 'true', suppress: false }),
    ],
    [
      'LEADERSHIP',
      Role.LEADERSHIP,
      () => w.leadership,
      () => ({ seen: 'true', readable: `f.source <> 'DISCIPLINE'`, tasksSeen: 'true', suppress: true }),
    ],
    [
      'UNIT (unit A)',
      Role.UNIT,
      () => w.unitA,
      () => ({
        seen: `f.unit_id = ${w.unitA.id} and f.source <> 'DISCIPLINE'`,
        readable: 'true',
        tasksSeen: `t.unit_id = ${w.unitA.id}`,
        suppress: true,
      }),
    ],
    [
      'PUBLIC',
      Role.PUBLIC,
      () => null,
      () => ({ seen: `f.sensitivity = 'PUBLIC'`, readable: 'true', tasksSeen: 'false', suppress: true }),
    ],
  ];
  for (const [name, role, org, exp] of cases) {
    it(`${name}: findings, amount, statuses, tasks, overdue, money and people held accountable`, async () => {
      const s = await statsAs(role, org());
      const e = await expected(exp());
      expect(s.total.findings).toBe(e.findings);
      expect(s.total.amount).toBe(e.amount);
      expect(s.total.rectified).toBe(e.rectified);
      expect(s.total.pending).toBe(e.pending);
      expect(s.total.peopleHeldAccountable).toBe(e.accountable);
      expect(s.total.tasks).toBe(e.tasks);
      expect(s.total.overdueTasks).toBe(e.overdue);
      expect(s.total.moneyRecovered).toBe(e.money);
    });
  }

  it('the figures the world was built for (FINANCE and DISCIPLINE)', async () => {
    const fin = await statsAs(Role.FINANCE, w.finance);
    // 4 audit + 3 performance - 1 linked + 2 reform + 5 discipline (the 2 of the small category left out)
    expect(fin.total.findings).toBe(13);
    expect(fin.disciplineSuppressed).toBe(true);
    expect(fin.total.amount).toBe('9001.50'); // 4×1000 + 2×2000.50 + 2×500.25, discipline unreadable
    expect(fin.total.peopleHeldAccountable).toBe(0);
    const dis = await statsAs(Role.DISCIPLINE, w.discipline);
    expect(dis.total.findings).toBe(15);
    expect(dis.disciplineSuppressed).toBe(false);
    expect(dis.total.peopleHeldAccountable).toBe(10);
    expect(dis.total).toMatchObject({
      tasks: 5,
      closedTasks: 1,
      closedOnTime: 1,
      onTimeRate: 100,
      rectified: 1, // the group a1+p1 counted once
      completed: 1,
      continuing: 1,
      inProgress: 1,
      overdueTasks: 2,
      overdue1To30: 1,
      overdue31To90: 1,
      overdueOver90: 0,
      moneyRecovered: '350.10',
      rulesIssued: 2,
      due: 4, // a1 (closed), a3, r1, p2 (deadlines passed)
      rectifiedDue: 1,
      rectificationRate: 25,
    });
  });

  it('per agency counts each agency’s finding of a group', async () => {
    const s = await statsAs(Role.LEADERSHIP, w.leadership, { perAgency: true });
    const once = await statsAs(Role.LEADERSHIP, w.leadership);
    expect(s.total.findings).toBe(once.total.findings + 1);
  });

  it('groups add up to the total and carry labels', async () => {
    for (const groupBy of ['SOURCE', 'CATEGORY', 'UNIT', 'FISCAL_YEAR', 'SEVERITY', 'MONTH', 'PROJECT']) {
      const s = await statsAs(Role.AUDIT, w.audit, { groupBy });
      expect(s.groupBy).toBe(groupBy);
      expect(
        s.groups.reduce((n: number, g: { figures: { findings: number } }) => n + g.figures.findings, 0),
      ).toBe(s.total.findings);
    }
    const bySource = await statsAs(Role.AUDIT, w.audit, { groupBy: 'SOURCE' });
    expect(bySource.groups.map((g: { label: string }) => g.label).sort()).toEqual(
      ['发改稽察', '审计', '纪检监察', '财政绩效评价'].sort(),
    );
    const byUnit = await statsAs(Role.AUDIT, w.audit, { groupBy: 'UNIT' });
    expect(byUnit.groups.find((g: { key: string }) => g.key === w.unitA.gid).label).toBe(w.unitA.name);
  });

  it('a unit sees only its own figures', async () => {
    const s = await statsAs(Role.UNIT, w.unitA, { groupBy: 'UNIT' });
    expect(s.groups.map((g: { key: string }) => g.key)).toEqual([w.unitA.gid]);
    expect(s.total.findings).toBe(6); // 4 audit + 3 performance - 1 linked
  });
});

describe('status follows the task', () => {
  it('closed = RECTIFIED, submitted = COMPLETED, long-term = CONTINUING, returned = IN_PROGRESS, assigned or none = PENDING', async () => {
    const rows = (await knex('finding')
      .select('id', 'rectification_status')
      .whereIn('id', Object.values(f))) as {
      id: number;
      rectification_status: string;
    }[];
    const st = new Map(rows.map((r) => [r.id, r.rectification_status]));
    expect(st.get(f.a1!)).toBe('RECTIFIED');
    expect(st.get(f.p1!)).toBe('RECTIFIED');
    expect(st.get(f.a2!)).toBe('COMPLETED');
    expect(st.get(f.a3!)).toBe('IN_PROGRESS');
    expect(st.get(f.r1!)).toBe('CONTINUING');
    expect(st.get(f.p2!)).toBe('PENDING');
    expect(st.get(f.a4!)).toBe('PENDING');
  });

  it('a reopened task puts its findings back in progress; unlinking leaves them pending', async () => {
    const fx = new Factory(knex);
    const x = (await fx.finding(w.audit, w.unitB, S.AUDIT, { category: `${P}其他` })).id;
    const t = await task([x], w.unitB, w.audit, [w.audit], { state: 'CLOSED', conclusion: 'RECTIFIED' });
    expect((await knex('finding').where('id', x).first()).rectification_status).toBe('RECTIFIED');
    await knex('rectification').where('id', t).update({ state: 'IN_PROGRESS', conclusion: null });
    expect((await knex('finding').where('id', x).first()).rectification_status).toBe('IN_PROGRESS');
    await knex('rectification_finding').where('rectification_id', t).delete();
    expect((await knex('finding').where('id', x).first()).rectification_status).toBe('PENDING');
  });

  it('no finding of the demo data set is rectified without a closed task', async () => {
    // the demo agencies' findings (codes HC-…): the data set and what goes through the API as them; other
    // test files write fixtures of their own agencies straight into the tables, status included
    const { rows } =
      await knex.raw(`select count(*)::int as n from finding f join organization a on a.id = f.agency_id
      where a.code like 'HC-%' and f.rectification_status <> coalesce(
      (select finding_status_of(t.state, t.conclusion) from rectification_finding rf join rectification t on t.id = rf.rectification_id
        where rf.finding_id = f.id), 'PENDING')`);
    expect(rows[0].n).toBe(0);
  });
});

const REPORT = `query($year: Int!, $scope: ReportScope) {
  rectificationReport(year: $year, scope: $scope) {
    year scopeName asOf docxPath disciplineSuppressed
    figures { findings amount units rectified partly continuing pending inProgress completed moneyRecovered rulesIssued peopleHeldAccountable overdueTasks rectificationRate }
    byCategory { category count amount rectified }
    notRectifiedReasons { reason count }
    overdue { rectification unitName deadline daysOverdue findings }
  }
}`;

describe('the yearly report', () => {
  it('has the statistics API’s numbers for the same year and scope', async () => {
    const token = await hub.token(Role.AUDIT, w.audit.code);
    for (const unit of [w.unitA, w.unitB]) {
      const r = await hub.gql(REPORT, { year: 2025, scope: { unit: unit.gid } }, token);
      expect(r.errors).toBeUndefined();
      const rep = r.data.rectificationReport;
      const s = await hub.gql(
        STATS,
        { filter: { units: [unit.gid], fiscalYears: [2025] }, groupBy: 'CATEGORY' },
        token,
      );
      const { total, groups } = s.data.stats;
      expect(rep.scopeName).toBe(unit.name);
      for (const k of Object.keys(rep.figures)) expect(rep.figures[k]).toEqual(total[k]);
      expect(
        rep.byCategory.map((c: { category: string; count: number }) => [c.category, c.count]).sort(),
      ).toEqual(
        groups.map((g: { key: string; figures: { findings: number } }) => [g.key, g.figures.findings]).sort(),
      );
      expect(rep.docxPath).toContain('year=2025');
    }
  });

  it('reconciles with the 整改台账 of the same unit for the same role: tasks, money recovered, closed', async () => {
    const { default: ExcelJS } = await import('exceljs');
    const { LEDGER_EXPORT_HEADERS } = await import('../src/modules/rectification/ledger-export.js');
    for (const [role, org] of [
      [Role.AUDIT, w.audit],
      [Role.FINANCE, w.finance],
      [Role.LEADERSHIP, w.leadership],
    ] as const) {
      const token = await hub.token(role, org.code);
      const rep = (await hub.gql(REPORT, { year: 2025, scope: { unit: w.unitA.gid } }, token)).data
        .rectificationReport;
      const full = await hub.gql(
        `query($u: [ID!]) { stats(filterBy: { units: $u, fiscalYears: [2025] }) { total { tasks closedTasks moneyRecovered } } }`,
        { u: [w.unitA.gid] },
        token,
      );
      const res = await fetch(new URL(`/rectifications/ledger.xlsx?units=${w.unitA.gid}`, hub.server.url), {
        headers: { authorization: `Bearer ${token}` },
      });
      expect(res.status).toBe(200);
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load((await res.arrayBuffer()) as ArrayBuffer);
      const ws = wb.worksheets[0]!;
      const col = (h: string) => LEDGER_EXPORT_HEADERS.indexOf(h as never) + 1;
      const rows: { state: string; money: number }[] = [];
      ws.eachRow((r, i) => {
        if (i <= 3 || r.getCell(1).value === '合计') return;
        rows.push({
          state: String(r.getCell(col('整改状态')).value),
          money: Number(r.getCell(col('整改金额(元)')).value ?? 0),
        });
      });
      const t = full.data.stats.total;
      expect(rows.length, `${role}: tasks`).toBe(t.tasks);
      expect(rows.filter((r) => r.state.includes('销号')).length, `${role}: closed`).toBe(t.closedTasks);
      expect(Math.round(rows.reduce((n, r) => n + r.money, 0) * 100), `${role}: money`).toBe(
        Math.round(Number(t.moneyRecovered) * 100),
      );
      expect(rep.figures.moneyRecovered).toBe(t.moneyRecovered);
    }
  });

  it('lists the reasons for problems not rectified and the overdue tasks', async () => {
    const token = await hub.token(Role.AUDIT, w.audit.code);
    const r = await hub.gql(REPORT, { year: 2025, scope: { unit: w.unitA.gid } }, token);
    const rep = r.data.rectificationReport;
    expect(rep.notRectifiedReasons).toEqual([{ reason: '佐证材料不充分', count: 1 }]);
    // AUDIT supervises t3 (overdue 40 days), not the finance bureau's overdue task
    expect(rep.overdue).toHaveLength(1);
    expect(rep.overdue[0]).toMatchObject({ unitName: w.unitA.name, daysOverdue: 40, findings: 1 });
  });

  it('is refused to the public and to third-party evaluators', async () => {
    for (const token of [null, await hub.token(Role.EVALUATOR, w.evaluator.code)]) {
      const r = await hub.gql(REPORT, { year: 2025 }, token);
      expect(r.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    }
  });

  it('a bad year or scope is a coded error', async () => {
    const token = await hub.token(Role.LEADERSHIP, w.leadership.code);
    const r = await hub.gql(REPORT, { year: 1800 }, token);
    expect(r.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const r2 = await hub.gql(REPORT, { year: 2025, scope: { unit: toGlobalId('Project', 1) } }, token);
    expect(r2.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });
});

describe('the yearly report as .docx', () => {
  it('carries the API’s numbers in 万元 and Chinese dates, in the standard section order', async () => {
    const { default: JSZip } = await import('jszip');
    const token = await hub.token(Role.DISCIPLINE, w.discipline.code);
    const r = await hub.gql(REPORT, { year: 2025 }, token);
    const rep = r.data.rectificationReport;
    const res = await fetch(new URL(rep.docxPath, hub.server.url), {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('wordprocessingml');
    const zip = await JSZip.loadAsync(Buffer.from(await res.arrayBuffer()));
    const xml = await zip.file('word/document.xml')!.async('string');
    const text = xml.replace(/<[^>]+>/g, '');
    const f = rep.figures;
    const wanOf = (y: string) => {
      const fen = BigInt(y.replace('.', ''));
      const h = (fen + 5000n) / 10000n;
      return `${h / 100n}.${String(h % 100n).padStart(2, '0')}`;
    };
    expect(text).toContain(`共发现问题${f.findings}个，涉及${f.units}个单位，涉及金额${wanOf(f.amount)}万元`);
    expect(text).toContain(`已整改销号${f.rectified}个`);
    expect(text).toContain(`部分整改${f.partly}个`);
    expect(text).toContain(`持续整改${f.continuing}个`);
    expect(text).toContain(`问责${f.peopleHeldAccountable}人`);
    const [y, m, d] = rep.asOf.split('-');
    expect(text).toContain(`截至${y}年${Number(m)}月${Number(d)}日`);
    const order = [
      '一、问题发现总体情况',
      '二、问题整改情况',
      '三、问题分类情况',
      '四、尚未整改到位问题及原因',
      '五、逾期整改事项清单',
      '六、下一步工作',
    ];
    const at = order.map((h) => text.indexOf(h));
    expect(at.every((i) => i >= 0)).toBe(true);
    expect([...at].sort((a, b) => a - b)).toEqual(at);
  });

  it('is refused without a permitted role and for a bad year', async () => {
    const url = new URL('/reports/rectification.docx?year=2025', hub.server.url);
    expect((await fetch(url)).status).toBe(403);
    const token = await hub.token(Role.LEADERSHIP, w.leadership.code);
    const bad = await fetch(new URL('/reports/rectification.docx?year=20x5', hub.server.url), {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: { code: string } }).error.code).toBe('BAD_USER_INPUT');
  });
});

describe('万元 and dates for people', () => {
  it('converts yuan to 万元 exactly, half up, and writes dates as 2026年3月31日', async () => {
    const { wan, dateCn } = await import('../src/modules/statistics/report.docx.js');
    expect(wan('12345.60')).toBe('1.23');
    expect(wan('15000.00')).toBe('1.50');
    expect(wan('49.99')).toBe('0.00');
    expect(wan('50.00')).toBe('0.01');
    expect(wan('123456789012.34')).toBe('12345678.90');
    expect(dateCn('2026-03-31')).toBe('2026年3月31日');
  });
});
