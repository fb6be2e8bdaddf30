/**
 * Migration commands (the schema only ever changes through migrations/):
 *   tsx src/cli/migrations.ts up        apply pending migrations
 *   tsx src/cli/migrations.ts create    write a migration for the entity changes
 *   tsx src/cli/migrations.ts check     exit 1 if the entities differ from the migrations
 * `create` and `check` run against a fresh throw-away database, never yours.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadConfig } from '../config.js';
import { openDatabase } from '../db/database.js';
import { migrateUp, openOrm } from '../db/orm.js';
import { freshDatabase } from '../db/fresh.js';

const cmd = process.argv[2];
if (!['up', 'create', 'check'].includes(cmd ?? '')) {
  console.error('usage: migrations.ts up|create|check');
  process.exit(2);
}

async function main(): Promise<void> {
  if (cmd === 'up') {
    const config = loadConfig();
    const db = await openDatabase(config);
    const orm = await openOrm(db.url, db.poolMax);
    try {
      const done = await migrateUp(orm);
      console.log(done.length ? `applied: ${done.join(', ')}` : 'no pending migrations');
    } finally {
      await orm.close();
      await db.stop();
    }
    return;
  }
  // create/check: fresh database with every migration applied, then diff against the entities.
  const base = process.env.DATABASE_URL;
  let stop: () => Promise<void>;
  let url: string;
  if (base) {
    const fresh = await freshDatabase(base, 'hub_migcheck');
    url = fresh.url;
    stop = fresh.drop;
  } else {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'hub-migcheck-'));
    const db = await openDatabase({ ...loadConfig({ HUB_DATA_DIR: dir }), databaseUrl: undefined });
    url = db.url;
    stop = async () => {
      await db.stop();
      rmSync(dir, { recursive: true, force: true });
    };
  }
  const orm = await openOrm(url, 1);
  try {
    await migrateUp(orm);
    const migrator = orm.getMigrator();
    if (cmd === 'check') {
      const needed = await migrator.checkMigrationNeeded();
      if (needed) {
        console.error('migrations are stale: the entities differ; run `npm run migration:create`');
        process.exitCode = 1;
      } else console.log('migrations match the entities');
    } else {
      const res = await migrator.createMigration(undefined, false, false, process.argv[3]);
      console.log(res.fileName ? `created ${res.fileName}` : 'no changes');
    }
  } finally {
    await orm.close();
    await stop();
  }
}

main().catch((e) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
