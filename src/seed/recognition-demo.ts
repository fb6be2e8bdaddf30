/**
 * Demo data for mutual recognition (结果互认), made through the recognition module's own services so
 * that it obeys every rule the API enforces: the finance bureau recognises audit reports (in full, in
 * part, or not, with a consultation escalated to the district government), the audit bureau recognises
 * performance evaluations, planted duplicates of findings across agencies (half of them linked as one
 * problem, half left for the duplicate suggestions to find), and the 2027 inspection plans with an
 * overlap, a joint inspection and a plan that a recognition in force already covers.
 * Deterministic for a given data set; a fixed handful whatever the scale.
 */
import type { Knex } from 'knex';
import { makeViewer, type Viewer } from '../auth/viewer.js';
import { FindingSource, Role } from '../shared/enums.js';
import { UserInputProblem } from '../shared/user-error.js';
import {
  escalateConsultation,
  InspectionKind,
  joinPlan,
  linkFindings,
  openConsultation,
  RecognitionDecision,
  RecognitionScopeItem,
  recordRecognition,
  registerPlan,
  respondConsultation,
} from '../modules/recognition/index.js';
import { plantDuplicates } from './generator.js';

export interface RecognitionDemoCounts {
  recognitions: number;
  consultations: number;
  groups: number;
  plannedDuplicates: number;
  plans: number;
  /** Steps a rule refused (the data set did not offer a fitting record); normally 0. */
  skipped: number;
}

const ROLE_OF_SOURCE: Partial<Record<FindingSource, Role>> = {
  [FindingSource.PERFORMANCE]: Role.FINANCE,
  [FindingSource.AUDIT]: Role.AUDIT,
  [FindingSource.REFORM]: Role.REFORM,
};

export async function seedRecognitionDemo(knex: Knex): Promise<RecognitionDemoCounts> {
  const counts: RecognitionDemoCounts = {
    recognitions: 0,
    consultations: 0,
    groups: 0,
    plannedDuplicates: 0,
    plans: 0,
    skipped: 0,
  };
  const orgs = (await knex('organization')
    .whereIn('code', ['HC-CZJ', 'HC-SJJ', 'HC-FGJ', 'HC-JWJW', 'HC-ZF'])
    .select('id', 'code')) as { id: number; code: string }[];
  const org = (code: string) => orgs.find((o) => o.code === code)!;
  const as = (role: Role, code: string, user: string) => makeViewer(role, org(code), user);
  const finance = as(Role.FINANCE, 'HC-CZJ', 'czj-jxk-01');
  const audit = as(Role.AUDIT, 'HC-SJJ', 'sjj-ztk-01');
  const reform = as(Role.REFORM, 'HC-FGJ', 'fgj-tzk-01');
  const discipline = as(Role.DISCIPLINE, 'HC-JWJW', 'jwjw-dfs-01');
  const viewerOf: Record<string, Viewer> = {
    [Role.FINANCE]: finance,
    [Role.AUDIT]: audit,
    [Role.REFORM]: reform,
  };
  /** A rule refusing a step is counted, not fatal: the demo must start on any generated data set. */
  const attempt = async <T>(step: () => Promise<T>): Promise<T | null> => {
    try {
      return await step();
    } catch (e) {
      if (e instanceof UserInputProblem) {
        counts.skipped++;
        return null;
      }
      throw e;
    }
  };

  // published results of one agency about projects, readable by the other agencies
  const reviewsOf = async (agency: string, limit: number) =>
    (await knex('review')
      .where({ agency_id: org(agency).id, publication_state: 'PUBLISHED' })
      .whereIn('sensitivity', ['PUBLIC', 'INTERNAL'])
      .whereIn('fiscal_year', [2024, 2025])
      .whereNotNull('project_id')
      .orderBy('id')
      .limit(limit)
      .select('id', 'project_id', 'fiscal_year')) as {
      id: number;
      project_id: number;
      fiscal_year: number;
    }[];

  // 1. the finance bureau's decisions on audit reports (鹤财绩〔2026〕N号)
  const auditReviews = await reviewsOf('HC-SJJ', 9);
  let n = 11;
  const recognised: { id: number; projectId: number }[] = [];
  for (const [i, rv] of auditReviews.entries()) {
    const decision =
      i < 6
        ? RecognitionDecision.RECOGNISED
        : i < 8
          ? RecognitionDecision.PARTLY_RECOGNISED
          : RecognitionDecision.NOT_RECOGNISED;
    const id = await attempt(() =>
      recordRecognition(knex, finance, {
        target: { kind: 'R', id: rv.id },
        decision,
        scope:
          decision === RecognitionDecision.PARTLY_RECOGNISED
            ? [RecognitionScopeItem.CONCLUSION, RecognitionScopeItem.AMOUNTS]
            : null,
        scopeFindingIds: null,
        reason:
          decision === RecognitionDecision.NOT_RECOGNISED
            ? '审计报告所依据的项目支出数据截至2025年6月30日，与本次绩效评价期间不一致，绩效指标完成情况需重新核实。'
            : decision === RecognitionDecision.PARTLY_RECOGNISED
              ? '采信审计结论和涉及金额，绩效指标得分由本局重点绩效评价另行评定。'
              : null,
        documentRef: `鹤财绩〔2026〕${n++}号`,
        validFrom: decision === RecognitionDecision.NOT_RECOGNISED ? null : '2026-01-01',
        validUntil: decision === RecognitionDecision.NOT_RECOGNISED ? null : '2027-12-31',
        supersedesId: null,
      }),
    );
    if (id == null) continue;
    counts.recognitions++;
    if (decision === RecognitionDecision.RECOGNISED) recognised.push({ id, projectId: rv.project_id });
    if (decision === RecognitionDecision.NOT_RECOGNISED) {
      // the audit bureau disagrees; the finance bureau keeps its position; the matter goes to the district government
      const c = await attempt(() =>
        openConsultation(
          knex,
          audit,
          id,
          '请财政局说明不予采信的依据，审计数据口径已在报告中说明。',
          '审计报告已对2025年全年支出进行延伸核实，数据口径完整，建议采信。',
        ),
      );
      if (c == null) continue;
      counts.consultations++;
      const version = async () =>
        ((await knex('consultation').where('id', c).first('version')) as { version: number }).version;
      await attempt(async () =>
        respondConsultation(
          knex,
          finance,
          c,
          await version(),
          '绩效评价需以项目完成后的全年数据为准，维持不予采信意见。',
        ),
      );
      await attempt(async () =>
        escalateConsultation(knex, audit, c, await version(), '双方意见不一致，提请区政府协调。', null),
      );
    }
  }

  // 2. the audit bureau recognises finance's performance evaluations (鹤审〔2026〕N号)
  n = 21;
  for (const rv of await reviewsOf('HC-CZJ', 4)) {
    const id = await attempt(() =>
      recordRecognition(knex, audit, {
        target: { kind: 'R', id: rv.id },
        decision: RecognitionDecision.RECOGNISED,
        scope: null,
        scopeFindingIds: null,
        reason: null,
        documentRef: `鹤审〔2026〕${n++}号`,
        validFrom: '2026-03-01',
        validUntil: '2027-02-28',
        supersedesId: null,
      }),
    );
    if (id != null) counts.recognitions++;
  }

  // 3. the same problems found by two agencies: planted, half linked as one problem
  const planted = await plantDuplicates(knex, { count: 8, seed: 20261202 });
  counts.plannedDuplicates = planted.pairs.length;
  for (const [original, duplicate] of planted.pairs.filter((_, i) => i % 2 === 0)) {
    const f = (await knex('finding').where('id', original).first('source')) as { source: FindingSource };
    const role = ROLE_OF_SOURCE[f.source];
    if (!role) continue;
    const g = await attempt(() =>
      linkFindings(knex, viewerOf[role]!, {
        groupId: null,
        version: null,
        findingIds: [original, duplicate],
        primaryId: original,
        reason: '同一单位同一项目的同一问题，金额一致，经两部门核对为同一问题。',
      }),
    );
    if (g != null) counts.groups++;
  }

  // 4. the 2027 inspection plans
  const plan = (
    v: Viewer,
    subject: { kind: 'U' | 'P'; id: number },
    kind: InspectionKind,
    scope: string,
    months: number[],
  ) =>
    attempt(async () => {
      const { id } = await registerPlan(knex, v, {
        subject,
        planYear: 2027,
        kind,
        scope,
        periodFrom: 2025,
        periodTo: 2026,
        months,
      });
      counts.plans++;
      return id;
    });
  const covered = recognised[0];
  if (covered) {
    // finance recognised the audit of this project until the end of 2027: its plan is warned
    await plan(
      finance,
      { kind: 'P', id: covered.projectId },
      InspectionKind.KEY_PERFORMANCE_EVALUATION,
      '项目绩效目标完成情况及资金使用效益',
      [5, 6],
    );
  }
  const busy = (await knex('project')
    .whereNotIn(
      'id',
      recognised.map((r) => r.projectId),
    )
    .orderBy('id')
    .first('id', 'owner_unit_id')) as { id: number; owner_unit_id: number } | undefined;
  if (busy) {
    const lead = await plan(
      audit,
      { kind: 'P', id: busy.id },
      InspectionKind.AUDIT,
      '专项资金管理使用及项目建设管理情况',
      [3, 4, 5],
    );
    const joining = await plan(
      reform,
      { kind: 'P', id: busy.id },
      InspectionKind.INSPECTION,
      '项目审批、建设进度及投资完成情况',
      [4],
    );
    if (lead != null && joining != null) await attempt(() => joinPlan(knex, reform, joining, lead));
    await plan(
      finance,
      { kind: 'P', id: busy.id },
      InspectionKind.KEY_PERFORMANCE_EVALUATION,
      '项目绩效目标完成情况',
      [5],
    );
    await plan(
      discipline,
      { kind: 'U', id: busy.owner_unit_id },
      InspectionKind.SUPERVISION,
      '落实中央八项规定精神及整改责任情况',
      [9],
    );
  }
  return counts;
}
