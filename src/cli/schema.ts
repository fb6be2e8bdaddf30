/** `npm run schema` writes schema/schema.graphql; `--check` exits 1 if the committed file is stale. */
import { readFileSync, writeFileSync } from 'node:fs';
import { buildHubSchema, printHubSchema } from '../schema.js';

const file = new URL('../../schema/schema.graphql', import.meta.url);
const sdl = printHubSchema(await buildHubSchema());
if (process.argv.includes('--check')) {
  let current = '';
  try {
    current = readFileSync(file, 'utf8');
  } catch {
    /* missing counts as stale */
  }
  if (current !== sdl) {
    console.error('schema/schema.graphql is stale: run `npm run schema` and commit it');
    process.exit(1);
  }
  console.log('schema/schema.graphql is up to date');
} else {
  writeFileSync(file, sdl);
  console.log('wrote schema/schema.graphql');
}
