/**
 * MikroORM's PostgreSQL driver makes `pg` return timestamps as text ("2026-11-28 12:02:15.91+00"), so
 * raw reads turn them into Dates here.
 */
export function toDate(v: unknown): Date {
  if (v instanceof Date) return v;
  const s = String(v)
    .replace(' ', 'T')
    .replace(/([+-]\d\d)$/, '$1:00');
  const d = new Date(s);
  if (Number.isNaN(d.getTime())) throw new Error(`not a timestamp: ${String(v).slice(0, 40)}`);
  return d;
}

export const toDateOrNull = (v: unknown): Date | null => (v == null ? null : toDate(v));
