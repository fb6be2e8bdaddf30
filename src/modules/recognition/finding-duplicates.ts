/**
 * Duplicate suggestions (疑似重复) for one finding: candidates from the repository, scored by
 * duplicate.score.ts, best first. The candidates are only findings the viewer may see and read, and a
 * suggestion carries nothing but that finding, a score and reasons computed from what the viewer may
 * read (the amount reason only where both amounts are readable to it).
 */
import type { Knex } from 'knex';
import type { Viewer } from '../../auth/viewer.js';
import { bigrams, normaliseText, scoreDuplicate, type DuplicateSide } from './duplicate.score.js';
import { duplicateCandidates, duplicateTarget, type DuplicateRow } from './finding-duplicates.repo.js';

export interface DuplicateSuggestion {
  findingId: number;
  score: number;
  textSimilarity: number;
  reasons: string[];
}

/** Below this a candidate is not worth a person's look. */
export const MIN_SCORE = 0.3;

const side = (r: DuplicateRow): DuplicateSide => ({
  unitId: r.unitId,
  projectId: r.projectId,
  fiscalYear: r.fiscalYear,
  category: r.category,
  text: `${r.category} ${r.title} ${r.description}`,
  amount: r.amount,
});

export async function suggestDuplicates(
  knex: Knex,
  v: Viewer,
  findingId: number,
  first: number,
): Promise<DuplicateSuggestion[]> {
  const t = await duplicateTarget(knex, v, findingId);
  if (!t) return [];
  const cands = await duplicateCandidates(knex, v, t);
  const ts = side(t);
  const tg = bigrams(normaliseText(ts.text, t.names));
  return cands
    .map((c) => {
      const cs = side(c);
      const s = scoreDuplicate(ts, cs, tg, bigrams(normaliseText(cs.text, [...c.names, ...t.names])));
      return { findingId: c.id, ...s };
    })
    .filter((s) => s.score >= MIN_SCORE)
    .sort((a, b) => b.score - a.score || a.findingId - b.findingId)
    .slice(0, first);
}
