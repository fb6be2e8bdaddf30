/**
 * 疑似重复: how alike two findings of different agencies are, with the reasons in Chinese. Pure
 * functions, no SQL (the candidates come from finding-duplicates.repo.ts).
 *
 * Text similarity is the Dice coefficient of character bigrams. Chinese has no spaces and most words
 * are two characters, so bigrams capture words and their overlaps without a segmenter or dictionary,
 * and they do not depend on the database's locale (pg_trgm's word splitting does: under the C locale
 * of the embedded database it finds no words in Chinese text). Before comparing, each text loses what
 * other features already weigh or what every ledger line says: amounts and years (however written:
 * 125.3万元, 1,253,000.00元, 2024年度), the unit's and project's names, and ledger boilerplate (存在…问题,
 * 涉及金额), so that two lines about the same unit do not look alike just for naming it.
 *
 * Features reflect how agencies record the same problem: the same responsible unit and project; the
 * same or the next fiscal year (an audit of 2024 often reports what a 2023 evaluation found); the same
 * money, whether written in 万元 or 元, entered once in the wrong unit, or rounded by one agency; and
 * similar wording under different category names (each agency has its own list of categories, so a
 * differing category is no evidence against). Weights are round numbers by the strength of each kind
 * of evidence, not fitted to examples.
 */

export interface DuplicateSide {
  unitId: number;
  projectId: number | null;
  fiscalYear: number;
  category: string;
  text: string;
  /** Yuan as an exact decimal string; null when absent or not readable by the viewer. */
  amount: string | null;
}

export interface DuplicateScore {
  score: number;
  textSimilarity: number;
  reasons: string[];
}

const BOILERPLATE = ['存在', '问题', '涉及金额', '涉及资金', '金额', '其中', '经查', '发现', '情况'];

/** Text with amounts, years, names and ledger boilerplate removed; letters and CJK only. */
export function normaliseText(text: string, names: readonly string[]): string {
  let t = text;
  for (const n of names) if (n && n.length >= 2) t = t.split(n).join(' ');
  t = t
    // amounts and years in any notation: digits with separators and decimals, then their unit
    .replace(/[0-9０-９][0-9０-９,，.．]*\s*(亿元|万元|元|万|年度|年|月|日|%|％)?/g, ' ')
    .replace(/〔[^〕]*〕/g, ' ');
  for (const b of BOILERPLATE) t = t.split(b).join(' ');
  // keep CJK and latin letters; everything else separates
  return t.replace(/[^\p{Script=Han}A-Za-z]+/gu, ' ').trim();
}

/** Character bigrams of each run of text (runs are not joined across separators). */
export function bigrams(text: string): Map<string, number> {
  const out = new Map<string, number>();
  for (const run of text.split(' ')) {
    const cs = [...run];
    if (cs.length === 1) out.set(cs[0]!, (out.get(cs[0]!) ?? 0) + 1);
    for (let i = 0; i + 1 < cs.length; i++) {
      const g = cs[i]! + cs[i + 1]!;
      out.set(g, (out.get(g) ?? 0) + 1);
    }
  }
  return out;
}

/** Dice coefficient of two bigram multisets, 0..1. */
export function dice(a: Map<string, number>, b: Map<string, number>): number {
  let na = 0;
  let nb = 0;
  let both = 0;
  for (const v of a.values()) na += v;
  for (const v of b.values()) nb += v;
  if (!na || !nb) return 0;
  for (const [g, v] of a) both += Math.min(v, b.get(g) ?? 0);
  return (2 * both) / (na + nb);
}

/** Exact yuan amount in fen (integer), from "1234.56". */
export function fen(amount: string): bigint {
  const [i, d = ''] = amount.split('.');
  const neg = i!.startsWith('-');
  const v = BigInt(i!.replace('-', '')) * 100n + BigInt((d + '00').slice(0, 2));
  return neg ? -v : v;
}

/** Largest power of ten (in fen, at least 1 元) that divides the amount: the precision it was written to. */
function roundedTo(x: bigint): bigint {
  let p = 100n;
  while (x % (p * 10n) === 0n && p < 10n ** 12n) p *= 10n;
  return x % p === 0n ? p : 1n;
}

export type AmountMatch = 'EQUAL' | 'UNIT_SLIP' | 'ROUNDED' | 'CLOSE' | 'DIFFERENT' | null;

/**
 * How two amounts relate: equal; equal but one entered in the wrong unit (万元 figure stored as 元:
 * a factor of 10,000, kept to the fen); one the other rounded to the precision it is written in (1,253,400.00 and
 * 1,250,000.00, or 125万元); within 1%; or different. null when either is unknown or zero.
 */
export function compareAmounts(a: string | null, b: string | null): AmountMatch {
  if (a == null || b == null) return null;
  const x = fen(a);
  const y = fen(b);
  if (x <= 0n || y <= 0n) return null;
  if (x === y) return 'EQUAL';
  // the 万元 figure typed as 元 (kept to the fen): x ≈ y × 10,000 within half a fen of the small one
  const slip = (big: bigint, small: bigint) => {
    const d = big - small * 10000n;
    return (d < 0n ? -d : d) * 2n <= 10000n;
  };
  if (slip(x, y) || slip(y, x)) return 'UNIT_SLIP';
  const near = (v: bigint, r: bigint) => {
    const p = roundedTo(r);
    // a round figure (at least 1,000 元) that is the other one rounded to its precision
    return p >= 100_000n && (v > r ? v - r : r - v) * 2n <= p;
  };
  if (near(x, y) || near(y, x)) return 'ROUNDED';
  const diff = x > y ? x - y : y - x;
  const big = x > y ? x : y;
  if (diff * 100n <= big) return 'CLOSE';
  return 'DIFFERENT';
}

const AMOUNT_WEIGHT: Record<Exclude<AmountMatch, null>, number> = {
  EQUAL: 0.25,
  UNIT_SLIP: 0.2,
  ROUNDED: 0.2,
  CLOSE: 0.1,
  DIFFERENT: -0.15,
};
const AMOUNT_REASON: Record<Exclude<AmountMatch, null>, string | null> = {
  EQUAL: '金额一致',
  UNIT_SLIP: '金额一致（万元与元折算）',
  ROUNDED: '金额一致（取整后）',
  CLOSE: '金额相近',
  DIFFERENT: null,
};

/** Score of candidate `c` as a duplicate of `t`, with the reasons people read. */
export function scoreDuplicate(
  t: DuplicateSide,
  c: DuplicateSide,
  tGrams: Map<string, number>,
  cGrams: Map<string, number>,
): DuplicateScore {
  const reasons: string[] = [];
  let score = 0;
  if (c.unitId === t.unitId) {
    score += 0.1;
    reasons.push('同单位');
  }
  if (t.projectId != null && c.projectId === t.projectId) {
    score += 0.15;
    reasons.push('同项目');
  }
  const years = Math.abs(c.fiscalYear - t.fiscalYear);
  if (years === 0) {
    score += 0.1;
    reasons.push('同年度');
  } else if (years === 1) {
    score += 0.05;
    reasons.push('相邻年度');
  }
  const am = compareAmounts(t.amount, c.amount);
  if (am) {
    score += AMOUNT_WEIGHT[am];
    const r = AMOUNT_REASON[am];
    if (r) reasons.push(r);
  }
  if (c.category === t.category) {
    score += 0.05;
    reasons.push('同类别');
  }
  const sim = dice(tGrams, cGrams);
  score += 0.45 * sim;
  reasons.push(`文本相似度 ${sim.toFixed(2)}`);
  return { score: Math.max(0, Math.min(1, Math.round(score * 1000) / 1000)), textSimilarity: sim, reasons };
}
