/**
 * The whole demo data set, in one transaction: the generated organisations, projects, reviews,
 * findings and rectification tasks (generator.ts), then what the agencies did with each other's
 * results (recognition-demo.ts). `npm start` on an empty database and `npm run seed` load this;
 * the benchmarks load the generated part only (`seedDemo`).
 */
import type { Knex } from 'knex';
import { seedDemo, type SeedCounts, type SeedOptions } from './generator.js';
import { seedRecognitionDemo, type RecognitionDemoCounts } from './recognition-demo.js';

export async function seedDemoDataSet(
  knex: Knex,
  opts: SeedOptions = {},
): Promise<SeedCounts & { recognition: RecognitionDemoCounts }> {
  return knex.transaction(async (trx) => {
    const counts = await seedDemo(trx, opts);
    const recognition = await seedRecognitionDemo(trx);
    opts.progress?.(
      `recognition: ${recognition.recognitions} decisions, ${recognition.consultations} consultation(s), ` +
        `${recognition.groups} same-problem groups of ${recognition.plannedDuplicates} planted duplicates, ` +
        `${recognition.plans} plans for 2027`,
    );
    return { ...counts, recognition };
  });
}

/**
 * After a bulk load (npm run seed): fold the statistics rollups' deltas and rewrite the rollup tables. The
 * load's many statements each wrote a new version of the unit bitmaps (2 kB each): at scale 100 the
 * 575 live rows of stats_rollup_units sat in 305 MB, and every statistics request scanned them (265 ms).
 * VACUUM FULL cannot run in a transaction, so not in seedDemoDataSet.
 */
export async function compactRollupsAfterLoad(knex: Knex): Promise<void> {
  await knex.raw('select stats_rollup_compact()');
  await knex.raw('select stats_data_compact()');
  await knex.raw(
    'vacuum full analyze stats_rollup, stats_rollup_units, stats_task_link, stats_data_change, finding_rollup',
  );
}
