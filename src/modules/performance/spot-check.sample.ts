/**
 * The spot-check sample (抽查样本): a stated share of the submitted self-evaluations, drawn with
 * weights that favour large projects and those weak before, reproducible from a seed — the same
 * population, share and seed always give the same sample, so anyone can re-draw it to verify.
 *
 * Weighted sampling without replacement by Efraimidis–Spirakis keys (u^(1/w), largest first), with u
 * from a seeded PRNG (mulberry32) walked in id order.
 */

export interface Candidate {
  id: number;
  budgetFen: bigint;
  /** Graded 中 or 差 in an earlier year, or the subject of performance findings (以往评价较差). */
  previouslyWeak: boolean;
}

export interface Drawn {
  id: number;
  weight: number;
  note: string;
}

export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** How many to draw: the share (basis points) of the population, rounded up, at least one. */
export const sampleSize = (population: number, shareBp: number) =>
  population === 0 ? 0 : Math.min(population, Math.max(1, Math.ceil((population * shareBp) / 10000)));

/**
 * Weight: 1, plus up to 3 for size (the budget against the population's median, capped), plus 2 for
 * a weak past. Relative, so it does not depend on the district's price level.
 */
export function weights(c: readonly Candidate[]): Map<number, { weight: number; note: string }> {
  const sorted = [...c].map((x) => x.budgetFen).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const median = sorted.length ? sorted[Math.floor(sorted.length / 2)]! : 0n;
  const out = new Map<number, { weight: number; note: string }>();
  for (const x of c) {
    const ratio = median > 0n ? Number((x.budgetFen * 100n) / median) / 100 : 1;
    const size = Math.min(3, Math.max(0, ratio - 1));
    const weight = 1 + size + (x.previouslyWeak ? 2 : 0);
    const parts = [`基础1`];
    if (size > 0) parts.push(`规模${size.toFixed(2)}（预算为中位数的${ratio.toFixed(2)}倍）`);
    if (x.previouslyWeak) parts.push('以往评价较差2');
    out.set(x.id, {
      weight: Math.round(weight * 100) / 100,
      note: `权重${weight.toFixed(2)}：${parts.join('+')}`,
    });
  }
  return out;
}

export function drawSample(candidates: readonly Candidate[], shareBp: number, seed: number): Drawn[] {
  const byId = [...candidates].sort((a, b) => a.id - b.id);
  const w = weights(byId);
  const rnd = mulberry32(seed);
  const keyed = byId.map((c) => {
    const u = rnd() || Number.MIN_VALUE;
    return { id: c.id, key: Math.log(u) / w.get(c.id)!.weight };
  });
  keyed.sort((a, b) => b.key - a.key || a.id - b.id);
  return keyed
    .slice(0, sampleSize(byId.length, shareBp))
    .map((k) => ({ id: k.id, ...w.get(k.id)! }))
    .sort((a, b) => a.id - b.id);
}
