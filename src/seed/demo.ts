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
