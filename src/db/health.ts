import type { Knex } from 'knex';

/** Throws when the database does not answer (readiness). */
export async function pingDatabase(knex: Knex): Promise<void> {
  await knex.raw('select 1');
}
