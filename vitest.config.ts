import os from 'node:os';
import path from 'node:path';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  // Node loads graphql's CommonJS build for type-graphql; make the tests' own imports use the same
  // copy, or `instanceof GraphQLScalarType` fails across the two.
  resolve: { alias: { graphql: 'graphql/index.js' } },
  test: {
    include: ['test/**/*.test.ts'],
    globalSetup: ['test/global-setup.ts'],
    // one database for the run; files run one after another, each seeding its own organisations
    fileParallelism: false,
    pool: 'forks',
    execArgv: ['--import', 'tsx'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    env: {
      HUB_JWT_SECRET: 'test-secret-test-secret-test-secret-0123456789',
      LOG_LEVEL: 'silent',
      HUB_EVIDENCE_DIR: path.join(os.tmpdir(), 'hub-test-evidence'),
    },
  },
});
