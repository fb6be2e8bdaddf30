/**
 * Factories: each test creates the organisations and records it needs, with unique codes, so tests
 * never depend on one another or on the demo data. Overrides use column names.
 */
import { randomBytes } from 'node:crypto';
import type { Knex } from 'knex';
import {
  FindingSource,
  OrganizationKind,
  PublicationState,
  RectificationStatus,
  Sensitivity,
  Severity,
  SubjectKind,
} from '../../src/shared/enums.js';
import { toGlobalId } from '../../src/shared/global-id.js';

type Row = Record<string, unknown>;
const uid = () => randomBytes(4).toString('hex');

export interface Org {
  id: number;
  gid: string;
  code: string;
  name: string;
}

export class Factory {
  constructor(private readonly knex: Knex) {}

  async org(kind: OrganizationKind, over: Row = {}): Promise<Org> {
    const code = (over.code as string) ?? `T-${kind.slice(0, 3)}-${uid()}`;
    const name = (over.name as string) ?? `测试机构${code}`;
    const [r] = await this.knex('organization')
      .insert({ kind, code, name, ...over })
      .returning('id');
    return { id: r.id, gid: toGlobalId('Organization', r.id), code, name };
  }

  /** The four agencies, a leadership office, an evaluator and two units: a small world per test. */
  async world() {
    const O = OrganizationKind;
    return {
      finance: await this.org(O.OVERSIGHT_AGENCY, { name: '测试财政局' }),
      audit: await this.org(O.OVERSIGHT_AGENCY, { name: '测试审计局' }),
      reform: await this.org(O.OVERSIGHT_AGENCY, { name: '测试发改局' }),
      discipline: await this.org(O.OVERSIGHT_AGENCY, { name: '测试纪委监委' }),
      leadership: await this.org(O.LEADERSHIP, { name: '测试区政府' }),
      evaluator: await this.org(O.THIRD_PARTY, { name: '测试评价机构' }),
      unitA: await this.org(O.BUDGET_UNIT, { name: '测试教育局' }),
      unitB: await this.org(O.BUDGET_UNIT, { name: '测试卫健局' }),
    };
  }

  async project(owner: Org, over: Row = {}) {
    const code = `T-XM-${uid()}`;
    const [r] = await this.knex('project')
      .insert({
        code,
        name: `测试项目${code}`,
        fund_type: 'GENERAL_BUDGET',
        budget_amount: '1000000.00',
        owner_unit_id: owner.id,
        start_year: 2024,
        ...over,
      })
      .returning('id');
    return { id: r.id as number, gid: toGlobalId('Project', r.id), code };
  }

  async review(agency: Org, unit: Org, source: FindingSource, over: Row = {}) {
    const [r] = await this.knex('review')
      .insert({
        source,
        agency_id: agency.id,
        source_ref: `R-${uid()}`,
        subject_kind: over.project_id ? SubjectKind.PROJECT : SubjectKind.UNIT,
        unit_id: unit.id,
        title: '测试评价',
        review_type: '项目支出绩效评价',
        fiscal_year: 2024,
        sensitivity: Sensitivity.INTERNAL,
        publication_state: PublicationState.PUBLISHED,
        ...over,
      })
      .returning('id');
    return { id: r.id as number, gid: toGlobalId('Review', r.id) };
  }

  async finding(agency: Org, unit: Org, source: FindingSource, over: Row = {}) {
    const [r] = await this.knex('finding')
      .insert({
        source,
        agency_id: agency.id,
        source_ref: `F-${uid()}`,
        unit_id: unit.id,
        fiscal_year: 2024,
        category: '预算执行率偏低',
        severity: Severity.MODERATE,
        title: '测试问题',
        description: '测试问题描述',
        amount_involved: '1000.00',
        sensitivity: Sensitivity.INTERNAL,
        publication_state: PublicationState.PUBLISHED,
        rectification_status: RectificationStatus.PENDING,
        responsible_person: '张三',
        responsible_phone: '0745-2000000',
        ...(source === FindingSource.DISCIPLINE
          ? {
              sensitivity: Sensitivity.SECRET,
              clue_source: '信访举报',
              persons_involved: JSON.stringify([{ name: '李四', position: '局长' }]),
              case_stage: '初步核实',
            }
          : {}),
        ...(source === FindingSource.AUDIT
          ? { legal_basis: '《中华人民共和国预算法》第五十七条', audit_opinion: '责令限期整改' }
          : {}),
        ...over,
      })
      .returning('id');
    return { id: r.id as number, gid: toGlobalId('Finding', r.id) };
  }
}
