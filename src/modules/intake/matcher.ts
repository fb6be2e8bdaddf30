/**
 * Which of the hub's units and projects a ledger row means (单位、项目匹配), for every row of the file
 * in one pass. The rules, in order, each tried only when the one before found nothing:
 *
 * unit, by code: the hub's code (HC-U001) or the 统一社会信用代码, width and case folded;
 * unit, by name: the full name exactly, the short name (简称) exactly, a registered alias, then the
 *   normalised name (names.ts nameKey: 怀化市/鹤城区/区 prefixes, full/half width, spaces, brackets).
 *   A rule that finds two units answers AMBIGUOUS_UNIT; none answers UNKNOWN_UNIT. Both name the
 *   closest units (你是否指：鹤城区教育局（HC-U001）), from which the agency can register an alias.
 * project, by code; else by name among the matched unit's projects (exact, then normalised), then
 *   among all projects by exact name when unique.
 *
 * Never invents a unit or a project.
 */
import type { Knex } from 'knex';
import { closestNames, codeKey, nameKey, type RowSubject } from '../import/index.js';
import {
  projectsForMatching,
  thirdParties,
  unitsForMatching,
  type MatchProject,
  type MatchUnit,
} from './intake.repo.js';

export type MatchRule = 'CODE' | 'CREDIT_CODE' | 'FULL_NAME' | 'SHORT_NAME' | 'ALIAS' | 'NORMALISED_NAME';

export interface MatchCandidate {
  code: string;
  name: string;
}

export interface MatchProblem {
  rowNumber: number;
  column: string;
  code: 'UNKNOWN_UNIT' | 'AMBIGUOUS_UNIT' | 'UNKNOWN_PROJECT' | 'AMBIGUOUS_PROJECT';
  message: string;
  /** The name or code as the ledger wrote it. */
  value: string;
  candidates: MatchCandidate[];
}

export interface RowMatch {
  rowNumber: number;
  unitId: number | null;
  unitRule: MatchRule | null;
  projectId: number | null;
}

export interface MatchResult {
  matches: Map<number, RowMatch>;
  problems: MatchProblem[];
  /** Rows whose unit matched, by the rule that matched it. */
  byRule: Partial<Record<MatchRule, number>>;
}

const candidateText = (cs: readonly MatchCandidate[]) =>
  cs.length ? `；你是否指：${cs.map((c) => `${c.name}（${c.code}）`).join('、')}` : '';

/** Matches every row's unit and project; `columns` are the headers as the file wrote them. */
export async function matchSubjects(
  knex: Knex,
  subjects: readonly RowSubject[],
  columns: { unitName?: string; unitCode?: string; projectName?: string; projectCode?: string } = {},
): Promise<MatchResult> {
  const units = await unitsForMatching(knex);
  const unitIndex = indexUnits(units);
  const problems: MatchProblem[] = [];
  const matches = new Map<number, RowMatch>();
  const byRule: Partial<Record<MatchRule, number>> = {};
  const unitCol = columns.unitName ?? '责任单位';
  const codeCol = columns.unitCode ?? '责任单位编码';
  for (const s of subjects) {
    const m: RowMatch = { rowNumber: s.rowNumber, unitId: null, unitRule: null, projectId: null };
    matches.set(s.rowNumber, m);
    if (!s.unitCode && !s.unitName) continue; // reported by the parser
    const found = matchUnit(unitIndex, units, s);
    if ('problem' in found) {
      const { code, value, candidates } = found.problem;
      const byCode = found.problem.byCode;
      const what = byCode ? `责任单位编码“${value}”` : `责任单位“${value}”`;
      problems.push({
        rowNumber: s.rowNumber,
        column: byCode ? codeCol : unitCol,
        code,
        value,
        candidates,
        message:
          code === 'AMBIGUOUS_UNIT'
            ? `第${s.rowNumber}行${what}对应平台中多个单位，请填写责任单位编码${candidateText(candidates)}`
            : `第${s.rowNumber}行${what}在平台中不存在${candidateText(candidates)}`,
      });
      continue;
    }
    m.unitId = found.unit.id;
    m.unitRule = found.rule;
    byRule[found.rule] = (byRule[found.rule] ?? 0) + 1;
  }
  await matchProjects(knex, subjects, matches, problems, columns);
  problems.sort((a, b) => a.rowNumber - b.rowNumber);
  return { matches, problems, byRule };
}

interface UnitIndex {
  byCode: Map<string, MatchUnit>;
  byCredit: Map<string, MatchUnit>;
  byName: Map<string, MatchUnit[]>;
  byShort: Map<string, MatchUnit[]>;
  byAlias: Map<string, MatchUnit[]>;
  byKey: Map<string, MatchUnit[]>;
}

function push<K, V>(m: Map<K, V[]>, k: K, v: V) {
  const xs = m.get(k);
  if (xs) {
    if (!xs.includes(v)) xs.push(v);
  } else m.set(k, [v]);
}

function indexUnits(units: readonly MatchUnit[]): UnitIndex {
  const ix: UnitIndex = {
    byCode: new Map(),
    byCredit: new Map(),
    byName: new Map(),
    byShort: new Map(),
    byAlias: new Map(),
    byKey: new Map(),
  };
  for (const u of units) {
    ix.byCode.set(codeKey(u.code), u);
    if (u.creditCode) ix.byCredit.set(codeKey(u.creditCode), u);
    push(ix.byName, u.name.trim(), u);
    if (u.shortName) push(ix.byShort, u.shortName.trim(), u);
    for (const a of u.aliases) push(ix.byAlias, a, u);
    push(ix.byKey, nameKey(u.name), u);
    if (u.shortName) push(ix.byKey, nameKey(u.shortName), u);
  }
  return ix;
}

/** Every comparison key of a unit, for candidates. */
export const unitKeys = (u: MatchUnit): string[] => [
  nameKey(u.name),
  ...(u.shortName ? [nameKey(u.shortName)] : []),
  ...u.aliases,
];

type UnitFound =
  | { unit: MatchUnit; rule: MatchRule }
  | {
      problem: {
        code: 'UNKNOWN_UNIT' | 'AMBIGUOUS_UNIT';
        value: string;
        byCode: boolean;
        candidates: MatchCandidate[];
      };
    };

const asCandidates = (us: readonly MatchUnit[]): MatchCandidate[] =>
  us.slice(0, 5).map((u) => ({ code: u.code, name: u.name }));

function matchUnit(ix: UnitIndex, units: readonly MatchUnit[], s: RowSubject): UnitFound {
  const closest = (written: string) =>
    asCandidates(closestNames(written, units, unitKeys, { limit: 3 }).map((c) => c.item));
  if (s.unitCode) {
    const k = codeKey(s.unitCode);
    const byCode = ix.byCode.get(k);
    if (byCode) return { unit: byCode, rule: 'CODE' };
    const byCredit = ix.byCredit.get(k);
    if (byCredit) return { unit: byCredit, rule: 'CREDIT_CODE' };
    if (!s.unitName)
      return { problem: { code: 'UNKNOWN_UNIT', value: s.unitCode, byCode: true, candidates: [] } };
    // a wrong code beside a name: the name may say which unit was meant, but the code must be fixed
    const named = matchByName(ix, s.unitName);
    return {
      problem: {
        code: 'UNKNOWN_UNIT',
        value: s.unitCode,
        byCode: true,
        candidates: named && 'unit' in named ? asCandidates([named.unit]) : closest(s.unitName),
      },
    };
  }
  const written = s.unitName!;
  const named = matchByName(ix, written);
  if (named && 'unit' in named) return named;
  if (named)
    return {
      problem: {
        code: 'AMBIGUOUS_UNIT',
        value: written,
        byCode: false,
        candidates: asCandidates(named.many),
      },
    };
  return { problem: { code: 'UNKNOWN_UNIT', value: written, byCode: false, candidates: closest(written) } };
}

function matchByName(
  ix: UnitIndex,
  written: string,
): { unit: MatchUnit; rule: MatchRule } | { many: MatchUnit[] } | null {
  const key = nameKey(written);
  const stages: [MatchRule, MatchUnit[] | undefined][] = [
    ['FULL_NAME', ix.byName.get(written.trim())],
    ['SHORT_NAME', ix.byShort.get(written.trim())],
    ['ALIAS', ix.byAlias.get(key)],
    ['NORMALISED_NAME', key ? ix.byKey.get(key) : undefined],
  ];
  for (const [rule, found] of stages) {
    if (!found?.length) continue;
    if (found.length === 1) return { unit: found[0]!, rule };
    return { many: found };
  }
  return null;
}

async function matchProjects(
  knex: Knex,
  subjects: readonly RowSubject[],
  matches: Map<number, RowMatch>,
  problems: MatchProblem[],
  columns: { projectName?: string; projectCode?: string },
): Promise<void> {
  const codes = [...new Set(subjects.flatMap((s) => (s.projectCode ? [codeKey(s.projectCode)] : [])))];
  const names = [...new Set(subjects.flatMap((s) => (s.projectName ? [s.projectName.trim()] : [])))];
  const unitIds = [...new Set([...matches.values()].flatMap((m) => (m.unitId ? [m.unitId] : [])))];
  const projects = await projectsForMatching(knex, codes, names, unitIds);
  const byCode = new Map(projects.map((p) => [codeKey(p.code), p]));
  const byName = new Map<string, MatchProject[]>();
  const ofUnit = new Map<number, MatchProject[]>();
  for (const p of projects) {
    push(byName, p.name, p);
    push(ofUnit, p.ownerUnitId, p);
  }
  const nameCol = columns.projectName ?? '项目名称';
  const codeCol = columns.projectCode ?? '项目编码';
  for (const s of subjects) {
    const m = matches.get(s.rowNumber)!;
    if (s.projectCode) {
      const p = byCode.get(codeKey(s.projectCode));
      if (p) m.projectId = p.id;
      else
        problems.push({
          rowNumber: s.rowNumber,
          column: codeCol,
          code: 'UNKNOWN_PROJECT',
          value: s.projectCode,
          candidates: [],
          message: `第${s.rowNumber}行项目编码“${s.projectCode}”在平台中不存在`,
        });
      continue;
    }
    if (!s.projectName) continue;
    const written = s.projectName.trim();
    const key = nameKey(written);
    const own = m.unitId ? (ofUnit.get(m.unitId) ?? []) : [];
    const stages = [
      own.filter((p) => p.name === written),
      own.filter((p) => nameKey(p.name) === key),
      // a name an agency registered for the project (项目别称)
      own.filter((p) => p.aliases.includes(key)),
      byName.get(written) ?? [],
    ];
    let done = false;
    for (const found of stages) {
      if (found.length === 1) {
        m.projectId = found[0]!.id;
        done = true;
        break;
      }
      if (found.length > 1) {
        problems.push({
          rowNumber: s.rowNumber,
          column: nameCol,
          code: 'AMBIGUOUS_PROJECT',
          value: written,
          candidates: found.slice(0, 5).map((p) => ({ code: p.code, name: p.name })),
          message: `第${s.rowNumber}行项目名称“${written}”对应平台中多个项目，请填写项目编码${candidateText(
            found.slice(0, 5).map((p) => ({ code: p.code, name: p.name })),
          )}`,
        });
        done = true;
        break;
      }
    }
    if (done) continue;
    // a row whose unit is unknown already has its problem; its project is not guessed at
    if (!m.unitId) continue;
    const candidates = closestNames(written, own, (p) => [nameKey(p.name)], { limit: 3 }).map((c) => ({
      code: c.item.code,
      name: c.item.name,
    }));
    problems.push({
      rowNumber: s.rowNumber,
      column: nameCol,
      code: 'UNKNOWN_PROJECT',
      value: written,
      candidates,
      message: `第${s.rowNumber}行项目“${written}”在平台中不存在${candidateText(candidates)}`,
    });
  }
}

/**
 * The evaluators (第三方评价机构) an evaluation ledger names, by exact or normalised name; an unknown
 * one is a problem with the closest names (the review must name a third party of the hub).
 */
export async function matchEvaluators(
  knex: Knex,
  wanted: readonly { rowNumber: number; name: string }[],
  column: string,
): Promise<{ ids: Map<number, number>; problems: MatchProblem[] }> {
  const ids = new Map<number, number>();
  const problems: MatchProblem[] = [];
  if (!wanted.length) return { ids, problems };
  const all = await thirdParties(knex);
  const keysOf = (o: (typeof all)[number]) => [
    nameKey(o.name),
    ...(o.shortName ? [nameKey(o.shortName)] : []),
  ];
  for (const w of wanted) {
    const exact = all.filter((o) => o.name === w.name.trim());
    const found = exact.length ? exact : all.filter((o) => keysOf(o).includes(nameKey(w.name)));
    if (found.length === 1) {
      ids.set(w.rowNumber, found[0]!.id);
      continue;
    }
    const candidates = (found.length ? found : closestNames(w.name, all, keysOf).map((c) => c.item)).map(
      (o) => ({
        code: o.code,
        name: o.name,
      }),
    );
    problems.push({
      rowNumber: w.rowNumber,
      column,
      code: 'UNKNOWN_UNIT',
      value: w.name,
      candidates,
      message: `第${w.rowNumber}行评价机构“${w.name}”${found.length ? '对应平台中多个机构' : '在平台中不存在'}${candidateText(candidates)}`,
    });
  }
  return { ids, problems };
}
