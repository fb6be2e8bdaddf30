/**
 * Names of units and projects as agencies write them, and how they are compared with the hub's
 * records. Pure: the matcher (src/modules/intake) feeds it the hub's names and aliases.
 *
 * Agencies write the same unit several ways: 怀化市鹤城区教育局, 鹤城区教育局, 区教育局, 教育局,
 * 鹤城区教育局（本级）, with full-width or half-width brackets and letters, with stray spaces. The
 * normalised key keeps only what tells units apart: NFKC (full-width → half-width), no whitespace,
 * brackets of any kind as one kind, and the administrative prefixes of this district (怀化市, 鹤城区,
 * 区, also 中共…) removed from the front. Two names with the same key are the same unit for the
 * matcher; when two of the hub's units share a key the key matches neither (ambiguous).
 */

/** Prefixes that say where, not what: removed from the front, longest first, repeatedly. */
const PLACE_PREFIXES = ['湖南省', '怀化市', '鹤城区', '中共', '区'] as const;

/** Brackets of every width and shape, folded to ASCII round brackets. */
const BRACKETS: Record<string, string> = {
  '（': '(',
  '）': ')',
  '〔': '(',
  '〕': ')',
  '【': '(',
  '】': ')',
  '[': '(',
  ']': ')',
  '［': '(',
  '］': ')',
  '﹝': '(',
  '﹞': ')',
};

/** The comparison key of a unit or project name. Empty for a name that is only a prefix. */
export function nameKey(name: string): string {
  let s = name
    .normalize('NFKC')
    .replace(/[\s\u3000]+/gu, '')
    .replace(/[（）〔〕【】[\]［］﹝﹞]/gu, (c) => BRACKETS[c] ?? c)
    .replace(/[·•・]/gu, '')
    .toLowerCase();
  // “(本级)” / “(机关)” say which ledger of the unit, not which unit
  s = s.replace(/\((本级|机关|本部)\)$/u, '');
  for (let changed = true; changed;) {
    changed = false;
    for (const p of PLACE_PREFIXES) {
      if (s.startsWith(p) && s.length > p.length + 1) {
        s = s.slice(p.length);
        changed = true;
      }
    }
  }
  return s;
}

/** A code as typed: NFKC, no spaces, upper case (HC-U001, 统一社会信用代码). */
export function codeKey(code: string): string {
  return code.normalize('NFKC').replace(/\s+/gu, '').toUpperCase();
}

/** 统一社会信用代码: 18 characters of digits and capital letters without I, O, S, V, Z. */
export function looksLikeCreditCode(code: string): boolean {
  return /^[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}$/.test(codeKey(code));
}

const CREDIT_ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const CREDIT_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

/** The check character of a 统一社会信用代码's first 17 characters (GB 32100-2015). */
export function creditCodeCheck(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += CREDIT_ALPHABET.indexOf(first17[i]!) * CREDIT_WEIGHTS[i]!;
  return CREDIT_ALPHABET[(31 - (sum % 31)) % 31]!;
}

/** Character bigrams of a key (a one-character key is its own gram). */
function grams(key: string): string[] {
  const cs = [...key];
  if (cs.length < 2) return cs;
  const out: string[] = [];
  for (let i = 0; i + 1 < cs.length; i++) out.push(cs[i]! + cs[i + 1]!);
  return out;
}

/** Dice coefficient of character bigrams, 0–1. */
export function nameSimilarity(a: string, b: string): number {
  const ga = grams(a);
  const gb = grams(b);
  if (!ga.length || !gb.length) return 0;
  const counts = new Map<string, number>();
  for (const g of ga) counts.set(g, (counts.get(g) ?? 0) + 1);
  let common = 0;
  for (const g of gb) {
    const n = counts.get(g) ?? 0;
    if (n > 0) {
      common++;
      counts.set(g, n - 1);
    }
  }
  return (2 * common) / (ga.length + gb.length);
}

export interface NameCandidate<T> {
  item: T;
  score: number;
}

/** Dice coefficient of the characters (as a multiset), 0–1: short names share few bigrams. */
export function charSimilarity(a: string, b: string): number {
  const ca = [...a];
  const cb = [...b];
  if (!ca.length || !cb.length) return 0;
  const counts = new Map<string, number>();
  for (const c of ca) counts.set(c, (counts.get(c) ?? 0) + 1);
  let common = 0;
  for (const c of cb) {
    const n = counts.get(c) ?? 0;
    if (n > 0) {
      common++;
      counts.set(c, n - 1);
    }
  }
  return (2 * common) / (ca.length + cb.length);
}

/** Are the characters of `short` found in `long`, in order (简称 are formed so: 人社局 ⊂ 人力资源和社会保障局)? */
export function isAbbreviationOf(short: string, long: string): boolean {
  const s = [...short];
  if (s.length < 2 || s.length >= [...long].length) return false;
  let i = 0;
  for (const c of long) if (c === s[i]) i++;
  return i === s.length;
}

/**
 * The closest of `items` to a written name, best first. Scores: a key containing the other (区教育局
 * in 鹤城区教育局机关) 0.8; the written key an abbreviation of the other (its characters in order:
 * 交通局 → 交通运输局) 0.7; otherwise the bigram similarity of the keys, or three quarters of their
 * character similarity (教体局 / 教育局: short names share characters, not bigrams). At most `limit`; those under
 * `minScore` are not offered (a suggestion that is plainly another unit misleads).
 */
export function closestNames<T>(
  written: string,
  items: readonly T[],
  keysOf: (item: T) => readonly string[],
  opts: { limit?: number; minScore?: number } = {},
): NameCandidate<T>[] {
  const key = nameKey(written);
  const limit = opts.limit ?? 3;
  const minScore = opts.minScore ?? 0.5;
  const scored: NameCandidate<T>[] = [];
  for (const item of items) {
    let best = 0;
    for (const k of keysOf(item)) {
      if (!k) continue;
      const contains = k.length >= 2 && key.length >= 2 && (k.includes(key) || key.includes(k));
      const abbreviation = isAbbreviationOf(key, k);
      const s = Math.max(
        nameSimilarity(key, k),
        0.75 * charSimilarity(key, k),
        contains ? 0.8 : 0,
        abbreviation ? 0.7 : 0,
      );
      if (s > best) best = s;
    }
    if (best >= minScore) scored.push({ item, score: best });
  }
  return scored.sort((a, b) => b.score - a.score).slice(0, limit);
}
