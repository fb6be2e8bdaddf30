/**
 * `npm run seed -- [--scale 1] [--seed 20261128] [--force]`: loads the demo data set into the configured
 * database (DATABASE_URL or the embedded one), after applying migrations. Refuses a non-empty database
 *.
 */
import { parseArgs } from 'node:util';
import { loadConfig } from '../config.js';
import { openDatabaseForCli } from '../db/database.js';
import { migrateUp, openOrm } from '../db/orm.js';
import { compactRollupsAfterLoad, seedDemoDataSet } from '../seed/demo.js';
import { countOrganizations } from '../modules/organization/organization.repo.js';

const { values } = parseArgs({
  options: { scale: { type: 'string', default: '1' }, seed: { type: 'string' } },
});
const scale = Number(values.scale);
if (!(scale > 0 && scale <= 1000)) {
  console.error(`--scale must be a number in (0, 1000], got "${values.scale}"`);
  process.exit(2);
}
const config = loadConfig();
const db = await openDatabaseForCli(config);
const orm = await openOrm(db.url, db.poolMax);
try {
  await migrateUp(orm);
  const knex = orm.em.getKnex();
  const n = await countOrganizations(knex);
  if (Number(n) > 0) {
    console.error('the database already has organisations; seed only an empty database');
    process.exitCode = 1;
  } else {
    const t0 = Date.now();
    const counts = await seedDemoDataSet(knex, {
      scale,
      seed: values.seed ? Number(values.seed) : undefined,
      progress: (line) => process.stderr.write(`  ${line}\n`),
    });
    await compactRollupsAfterLoad(knex);
    console.log(JSON.stringify({ ...counts, ms: Date.now() - t0 }));
  }
} finally {
  await orm.close();
  await db.stop();
}
