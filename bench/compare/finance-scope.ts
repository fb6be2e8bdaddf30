/**
 * The FINANCE viewer's permissions, written once as static SQL for the two peers that have no
 * permission system (the hand-written server and PostGraphile), so that they return the same rows as
 * the hub does for a FINANCE token of organisation HC-CZJ.
 *
 * They restate src/policy/access.ts for one viewer, under one assumption the comparison checks before
 * it measures anything: no sharing rules and no approved access requests exist (the demo seed creates
 * none). Then, over alias `f` (a finding):
 * - row scope (findingRowScope + the default "not withdrawn"): its own records, and everything of
 *   others that is not a draft;
 * - content (contentSql): its own records, and others' records that are not discipline records
 *   (default level NOT_SHARED) and not above its clearance RESTRICTED (i.e. not SECRET);
 * - amount (amountSql): the same as content for a non-PUBLIC role.
 * Filters on content columns (severity, search, amount) only match rows whose content the viewer may
 * read, as in findingBase.
 */
export function financeRowScope(f: string, czj: number): string {
  return `((${f}.agency_id = ${czj} or ${f}.publication_state <> 'DRAFT') and ${f}.publication_state <> 'WITHDRAWN')`;
}

export function financeContent(f: string, czj: number): string {
  return `(${f}.agency_id = ${czj} or (${f}.source <> 'DISCIPLINE' and ${f}.sensitivity <> 'SECRET'))`;
}

/** Escapes LIKE wildcards so the search text matches literally (as the hub's likePattern). */
export const likePattern = (s: string) => `%${s.replace(/[\\%_]/g, (c) => '\\' + c)}%`;

/**
 * findingStats by source and by fiscal year for FINANCE, as src/modules/finding/finding.stats.ts
 * computes it: rows in scope, amounts summed only where readable, and discipline categories with fewer
 * than `minCount` rows in scope left out of every figure. One statement; `g` is 'S' (by source) or
 * 'Y' (by fiscal year).
 */
export function financeStatsSql(czj: number, minCount: number): string {
  return `
    with base as (
      select f.source, f.category, f.fiscal_year,
             case when ${financeContent('f', czj)} then coalesce(f.amount_involved, 0) else 0 end as amt
      from finding f where ${financeRowScope('f', czj)}
    ),
    small as (
      select category from base where source = 'DISCIPLINE' group by category having count(*) < ${minCount}
    ),
    kept as (select * from base where not (source = 'DISCIPLINE' and category in (select category from small)))
    select (case when grouping(source) = 0 then 'S' else 'Y' end)::text as g,
           source::text as source, fiscal_year::int as fiscal_year, count(*)::int as n,
           coalesce(sum(amt), 0)::numeric(20,2)::text as amount
    from kept
    group by grouping sets ((source), (fiscal_year))`;
}
