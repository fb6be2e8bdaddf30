/**
 * 涉及人员: “张三（局长）；李四（会计）”, or in JSON an array of such strings or of {name, position}.
 * Separators inside the brackets belong to the position (“副局长、会计”), so split at depth 0 only.
 */
import { charLength, shown, type RowReader } from './fields.js';
import type { PersonInvolved } from './result.js';
import { cellText, isEmptyCell } from './table.js';

const PERSON_NAME_MAX = 50;

/**
 * Reads the raw cell rather than the text: a JSON array of persons is not text, and the column has
 * no length limit of its own (each name has).
 */
export function personsInvolved(r: RowReader): PersonInvolved[] | null | undefined {
  const m = r.column('personsInvolved');
  if (!m) return null;
  const value = r.cell(m);
  const bad = (shownValue: string): undefined => {
    r.report(
      m,
      'BAD_PERSONS',
      `${r.at}“${m.header}”格式不正确：${shown(shownValue)}（应为“姓名（职务）”，多人用“；”分隔，如：张三（局长）；李四（会计））`,
    );
    return undefined;
  };
  if (isEmptyCell(value)) return null;
  if (Array.isArray(value)) {
    const out: PersonInvolved[] = [];
    for (const p of value) {
      const parsed = typeof p === 'string' ? parsePersons(p) : personObject(p);
      if (!parsed) return bad(typeof p === 'string' ? p : JSON.stringify(p));
      out.push(...parsed);
    }
    return out.length ? out : null;
  }
  const t = cellText(value);
  if (!t.ok || t.text === null) return t.ok ? null : bad(t.reason);
  const parsed = parsePersons(t.text);
  return parsed ? (parsed.length ? parsed : null) : bad(t.text);
}

/** {name, position} as systems write it; null = malformed. */
function personObject(p: unknown): PersonInvolved[] | null {
  if (!p || typeof p !== 'object' || typeof (p as PersonInvolved).name !== 'string') return null;
  const { name, position } = p as { name: string; position?: unknown };
  if (name.trim() === '' || (position !== undefined && position !== null && typeof position !== 'string')) {
    return null;
  }
  return [{ name: name.trim(), position: typeof position === 'string' ? position.trim() : '' }];
}

/** null = malformed. */
export function parsePersons(text: string): PersonInvolved[] | null {
  const s = text.replace(/（/g, '(').replace(/）/g, ')');
  const parts: string[] = [];
  let depth = 0;
  let current = '';
  for (const ch of s) {
    if (ch === '(') depth++;
    if (ch === ')') depth--;
    if (depth < 0) return null;
    if (depth === 0 && /[；;,，、\n]/u.test(ch)) {
      parts.push(current);
      current = '';
    } else current += ch;
  }
  if (depth !== 0) return null;
  parts.push(current);
  const out: PersonInvolved[] = [];
  for (const part of parts.map((p) => p.trim()).filter((p) => p !== '')) {
    const m = /^([^()]+?)\s*(?:\(([^()]*)\))?$/u.exec(part);
    if (!m || charLength(m[1]!) > PERSON_NAME_MAX) return null;
    out.push({ name: m[1]!.trim(), position: (m[2] ?? '').trim() });
  }
  return out;
}
