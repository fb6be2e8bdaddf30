/**
 * Performance indicators (绩效指标) in the standard three levels: 一级 产出/效益/满意度, 二级 as the
 * practice names them, 三级 the named indicators a unit writes. Validation of a unit's indicator list,
 * and the small reusable library of core indicators (核心指标) per project kind.
 */
import { UserInputProblem } from '../../shared/user-error.js';
import { IndicatorDirection } from './performance.entity.js';

/** 一级指标 → its 二级指标. */
export const LEVELS: Readonly<Record<string, readonly string[]>> = {
  产出指标: ['数量指标', '质量指标', '时效指标', '成本指标'],
  效益指标: ['经济效益指标', '社会效益指标', '生态效益指标', '可持续影响指标'],
  满意度指标: ['服务对象满意度指标'],
};

export interface Indicator {
  level1: string;
  level2: string;
  name: string;
  /** As written: "100", "95", "≤ 3500" is not allowed — the direction says ≤. Qualitative: text. */
  targetValue: string;
  measureUnit: string;
  direction: IndicatorDirection;
  /** Weight in points, up to two decimals. */
  weight: string;
  /** A key indicator (核心指标): watched by monitoring. */
  key: boolean;
}

const NUMBER = /^\d{1,12}(\.\d{1,4})?$/;
const WEIGHT = /^\d{1,3}(\.\d{1,2})?$/;

/**
 * Checks and normalises a unit's indicators; throws UserInputProblem (BAD_INDICATOR, REQUIRED,
 * TOO_LONG) naming the indicator by its position.
 */
export function validateIndicators(list: readonly Indicator[]): Indicator[] {
  if (!list.length) throw new UserInputProblem('REQUIRED', '至少填写一项绩效指标。', 'indicators');
  if (list.length > 200) throw new UserInputProblem('TOO_LONG', '绩效指标不超过200项。', 'indicators');
  const seen = new Set<string>();
  return list.map((raw, i) => {
    const at = `indicators.${i}`;
    const level1 = raw.level1.trim();
    const level2 = raw.level2.trim();
    const name = raw.name.trim();
    const targetValue = raw.targetValue.trim();
    const bad = (msg: string) => new UserInputProblem('BAD_INDICATOR', `第${i + 1}项指标${msg}`, at);
    const l2 = LEVELS[level1];
    if (!l2) throw bad(`的一级指标“${level1}”不是产出指标、效益指标或满意度指标。`);
    if (!l2.includes(level2)) throw bad(`的二级指标“${level2}”不属于${level1}（可选：${l2.join('、')}）。`);
    if (!name || name.length > 100) throw bad('的三级指标名称须为1至100个字。');
    if (seen.has(name)) throw bad(`“${name}”重复。`);
    seen.add(name);
    if (!targetValue || targetValue.length > 200) throw bad(`“${name}”须填写指标值。`);
    if (raw.direction !== IndicatorDirection.QUALITATIVE && !NUMBER.test(targetValue))
      throw bad(`“${name}”是定量指标，指标值须为数字（方向由“指标方向”表示）。`);
    if (!WEIGHT.test(raw.weight.trim()) || Number(raw.weight) <= 0 || Number(raw.weight) > 100)
      throw bad(`“${name}”的权重须为大于0、不超过100的分值，最多两位小数。`);
    return {
      level1,
      level2,
      name,
      targetValue,
      measureUnit: raw.measureUnit.trim().slice(0, 20),
      direction: raw.direction,
      weight: raw.weight.trim(),
      key: !!raw.key,
    };
  });
}

/** A suggested indicator of the library (核心指标库). */
export interface LibraryIndicator extends Omit<Indicator, 'key' | 'weight'> {
  projectKind: string;
  weight: string;
  key: boolean;
}

const ind = (
  projectKind: string,
  level1: string,
  level2: string,
  name: string,
  targetValue: string,
  measureUnit: string,
  direction: IndicatorDirection,
  weight: string,
  key = false,
): LibraryIndicator => ({
  projectKind,
  level1,
  level2,
  name,
  targetValue,
  measureUnit,
  direction,
  weight,
  key,
});

const D = IndicatorDirection;

/**
 * Core indicators per kind of project, as the finance bureau suggests them to units (demo data for
 * the district; a real library is maintained by the performance section).
 */
export const INDICATOR_LIBRARY: readonly LibraryIndicator[] = [
  ind('基础设施建设', '产出指标', '数量指标', '完成建设任务量', '100', '%', D.AT_LEAST, '20', true),
  ind('基础设施建设', '产出指标', '质量指标', '工程验收合格率', '100', '%', D.AT_LEAST, '15', true),
  ind('基础设施建设', '产出指标', '时效指标', '按期完工率', '100', '%', D.AT_LEAST, '10'),
  ind('基础设施建设', '产出指标', '成本指标', '单位造价控制在批复概算内', '100', '%', D.AT_LEAST, '5'),
  ind('基础设施建设', '效益指标', '社会效益指标', '受益群众人数', '5000', '人', D.AT_LEAST, '20'),
  ind('基础设施建设', '效益指标', '可持续影响指标', '设施正常使用年限', '15', '年', D.AT_LEAST, '10'),
  ind('基础设施建设', '满意度指标', '服务对象满意度指标', '受益群众满意度', '90', '%', D.AT_LEAST, '10'),
  ind('民生保障', '产出指标', '数量指标', '补助发放人数', '1000', '人', D.AT_LEAST, '20', true),
  ind('民生保障', '产出指标', '质量指标', '补助对象认定准确率', '100', '%', D.AT_LEAST, '15', true),
  ind('民生保障', '产出指标', '时效指标', '资金发放及时率', '100', '%', D.AT_LEAST, '10'),
  ind('民生保障', '产出指标', '成本指标', '人均补助标准', '1200', '元', D.EQUAL, '5'),
  ind(
    '民生保障',
    '效益指标',
    '社会效益指标',
    '困难群众基本生活得到保障',
    '有效保障',
    '',
    D.QUALITATIVE,
    '20',
  ),
  ind('民生保障', '满意度指标', '服务对象满意度指标', '补助对象满意度', '90', '%', D.AT_LEAST, '10'),
  ind('农业农村', '产出指标', '数量指标', '建设高标准农田面积', '10000', '亩', D.AT_LEAST, '20', true),
  ind('农业农村', '产出指标', '质量指标', '工程质量验收合格率', '100', '%', D.AT_LEAST, '15', true),
  ind('农业农村', '效益指标', '经济效益指标', '亩均粮食产能提高', '100', '斤', D.AT_LEAST, '15'),
  ind('农业农村', '效益指标', '生态效益指标', '化肥使用量减少', '5', '%', D.AT_LEAST, '10'),
  ind('农业农村', '满意度指标', '服务对象满意度指标', '受益农户满意度', '90', '%', D.AT_LEAST, '10'),
  ind('教育卫生', '产出指标', '数量指标', '改善学校（机构）数量', '10', '所', D.AT_LEAST, '20', true),
  ind('教育卫生', '产出指标', '质量指标', '设施设备验收合格率', '100', '%', D.AT_LEAST, '15'),
  ind('教育卫生', '产出指标', '时效指标', '项目按期完成率', '100', '%', D.AT_LEAST, '10'),
  ind('教育卫生', '效益指标', '社会效益指标', '服务覆盖人数', '3000', '人', D.AT_LEAST, '20'),
  ind('教育卫生', '满意度指标', '服务对象满意度指标', '师生（患者）满意度', '90', '%', D.AT_LEAST, '10'),
];

/** The kind of project a name suggests, for suggesting library indicators. */
export function projectKindOf(projectName: string): string {
  if (/农田|农业|乡村|饮水|水利|种植|养殖/.test(projectName)) return '农业农村';
  if (/教育|学校|卫生|医疗|公共卫生|医院/.test(projectName)) return '教育卫生';
  if (/补贴|补助|救助|养老|就业|保障|低保/.test(projectName)) return '民生保障';
  return '基础设施建设';
}
