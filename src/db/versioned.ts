/**
 * Optimistic concurrency for rows with a `version` column: an update applies only at the version the
 * caller read, and moves the version on. Repositories call this rather than writing the statement again.
 */
import type { Knex } from 'knex';

/** Updates row `id` of `table` at `version`; returns the rows changed (0 = someone changed it first). */
export async function updateAtVersion(
  knex: Knex,
  table: string,
  id: number,
  version: number,
  cols: Record<string, unknown>,
): Promise<number> {
  return knex(table)
    .where({ id, version })
    .update({ ...cols, version: version + 1, updated_at: new Date() });
}
